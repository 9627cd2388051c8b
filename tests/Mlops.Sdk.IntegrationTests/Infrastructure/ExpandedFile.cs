namespace Mlops.Sdk.IntegrationTests.Infrastructure;

/// <summary>One file `dotnet new` writes: where it comes from in the template, where it goes, and its content.</summary>
public sealed record ExpandedFile(string TemplatePath, string OutputPath, string Content);
