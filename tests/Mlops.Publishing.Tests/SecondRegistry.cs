namespace Mlops.Publishing.Tests;

/// <summary>Another registry host over plain HTTP, for a streamed copy between hosts a child process can reach without a CA.</summary>
public sealed class SecondRegistry() : AuthenticatedRegistry(tls: false);
