namespace Mlops.Registries.Tests;

public sealed class LocalRegistriesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Opens_the_three_registries_in_their_folders_under_one_root()
    {
        var registries = new LocalRegistries(_temp.Path);

        await registries.PipelineTemplates.PushAsync("churn-training", "x"u8.ToArray(), ["1.0.0"]);
        await registries.PythonPackages.PushAsync(TestWheel.Write(_temp.File("build"), "churn-model", "1.0.0", "1"));
        await registries.NuGetPackages.PushAsync(TestNuGetPackage.Write(_temp.File("build"), "Churn.Model", "1.0.0", "1"));

        Assert.Equal(_temp.File("kfp"), registries.PipelineTemplates.Root);
        Assert.Equal(_temp.File("pypi"), registries.PythonPackages.Root);
        Assert.Equal(_temp.File("nuget"), registries.NuGetPackages.Root);
        Assert.True(Directory.Exists(_temp.File("kfp", "churn-training", "versions")));
        Assert.True(File.Exists(_temp.File("pypi", "simple", "churn-model", "index.html")));
        Assert.True(Directory.Exists(_temp.File("nuget", "churn.model", "1.0.0")));
    }
}
