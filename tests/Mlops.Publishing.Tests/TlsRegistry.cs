namespace Mlops.Publishing.Tests;

/// <summary>A second registry, another environment's: htpasswd over TLS with a certificate of a throwaway CA.</summary>
public sealed class TlsRegistry() : AuthenticatedRegistry(tls: true);
