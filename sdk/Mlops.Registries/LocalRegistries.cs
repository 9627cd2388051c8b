using Mlops.Registries.Local;

namespace Mlops.Registries;

/// <summary>
/// The registries of the built-in <c>local</c> environment, in folders under one root (the MLOps home's
/// <c>registries</c> folder, <c>MlopsHome.Registries</c>): <c>kfp/</c> pipeline templates, <c>pypi/</c> a Python
/// package index, <c>nuget/</c> a NuGet feed, <c>components/</c> the component folders.
/// </summary>
public sealed class LocalRegistries
{
    public LocalRegistries(string root)
    {
        Root = Path.GetFullPath(root);
        PipelineTemplates = new LocalPipelineTemplateRegistry(Path.Combine(Root, "kfp"));
        PythonPackages = new LocalPythonPackageIndex(Path.Combine(Root, "pypi"));
        NuGetPackages = new LocalNuGetFeed(Path.Combine(Root, "nuget"));
        Images = new LocalImageRegistry(new LocalComponentFolders(Path.Combine(Root, "components")));
    }

    public string Root { get; }

    public LocalPipelineTemplateRegistry PipelineTemplates { get; }

    public LocalPythonPackageIndex PythonPackages { get; }

    public LocalNuGetFeed NuGetPackages { get; }

    public LocalImageRegistry Images { get; }

    public RegistrySet AsSet() => new(PipelineTemplates, PythonPackages, NuGetPackages, Images);
}
