namespace Mlops.Registries;

/// <summary>The registries of one environment: one per kind of artifact a release holds.</summary>
public sealed record RegistrySet(
    IPipelineTemplateRegistry PipelineTemplates,
    IPythonPackageIndex PythonPackages,
    INuGetFeed? NuGetPackages,
    IImageRegistry Images);
