using System.IO.Compression;
using System.Security.Cryptography;
using Mlops.Registries.Local;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace Mlops.Registries.Tests;

public sealed class LocalNuGetFeedTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly LocalNuGetFeed _feed;

    public LocalNuGetFeedTests() => _feed = new LocalNuGetFeed(_temp.File("nuget"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Push_writes_the_hierarchical_layout_of_nuget_add()
    {
        var package = TestNuGetPackage.Write(_temp.File("build"), "Churn.Model", "1.0.0-beta.1", "1");

        var identity = await _feed.PushAsync(package);

        Assert.Equal(new PackageIdentity("Churn.Model", NuGetVersion.Parse("1.0.0-beta.1")), identity);
        var folder = _temp.File("nuget", "churn.model", "1.0.0-beta.1");
        Assert.Equal(File.ReadAllBytes(package), File.ReadAllBytes(Path.Combine(folder, "churn.model.1.0.0-beta.1.nupkg")));
        Assert.Equal(Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(package))), File.ReadAllText(Path.Combine(folder, "churn.model.1.0.0-beta.1.nupkg.sha512")));
        using var reader = new PackageArchiveReader(package);
        Assert.Equal(new StreamReader(reader.GetNuspec()).ReadToEnd(), File.ReadAllText(Path.Combine(folder, "churn.model.nuspec")));
        Assert.Equal(["churn.model.1.0.0-beta.1.nupkg", "churn.model.1.0.0-beta.1.nupkg.sha512", "churn.model.nuspec"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Equal(_temp.File("nuget"), _feed.Source);
    }

    [Fact]
    public async Task Lists_the_versions_of_a_package_ascending_whatever_the_case_of_its_id()
    {
        await _feed.PushAsync(TestNuGetPackage.Write(_temp.File("b1"), "Churn.Model", "1.10.0", "1"));
        await _feed.PushAsync(TestNuGetPackage.Write(_temp.File("b2"), "Churn.Model", "1.9.0", "2"));
        await _feed.PushAsync(TestNuGetPackage.Write(_temp.File("b3"), "Churn.Model", "1.10.0-rc.1", "3"));

        Assert.Equal(["1.9.0", "1.10.0-rc.1", "1.10.0"], (await _feed.ListVersionsAsync("CHURN.MODEL")).Select(v => v.ToNormalizedString()));
        Assert.Empty(await _feed.ListVersionsAsync("Other"));
    }

    [Fact]
    public async Task Pushing_the_same_package_again_succeeds_and_another_with_the_same_version_fails_with_MLOPS3003()
    {
        var first = TestNuGetPackage.Write(_temp.File("b1"), "Churn.Model", "1.0.0", "1");
        var rebuilt = TestNuGetPackage.Write(_temp.File("b2"), "churn.model", "1.0.0", "2");
        await _feed.PushAsync(first);

        await _feed.PushAsync(first);
        var error = await Assert.ThrowsAsync<ImmutableVersionException>(() => _feed.PushAsync(rebuilt));

        Assert.Equal("MLOPS3003", error.Code);
        Assert.Equal("1.0.0", error.Version);
        Assert.Contains("bump the project's Version", error.Message);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(_temp.File("nuget", "churn.model", "1.0.0", "churn.model.1.0.0.nupkg")));
    }

    [Fact]
    public async Task Concurrent_pushes_of_one_version_with_different_content_leave_exactly_one_winner()
    {
        var packages = Enumerable.Range(0, 4).Select(i => TestNuGetPackage.Write(_temp.File($"b{i}"), "Churn.Model", "1.0.0", $"{i}")).ToList();

        var results = await Task.WhenAll(packages.Select(p => Task.Run(async () =>
        {
            try
            {
                await new LocalNuGetFeed(_temp.File("nuget")).PushAsync(p);
                return (Package: p, Code: "ok");
            }
            catch (ImmutableVersionException e)
            {
                return (Package: p, e.Code);
            }
        })));

        var winner = Assert.Single(results, r => r.Code == "ok");
        Assert.All(results.Where(r => r.Code != "ok"), r => Assert.Equal("MLOPS3003", r.Code));
        Assert.Equal(File.ReadAllBytes(winner.Package), File.ReadAllBytes(_temp.File("nuget", "churn.model", "1.0.0", "churn.model.1.0.0.nupkg")));
    }

    [Fact]
    public async Task A_file_that_is_not_a_package_fails_with_MLOPS3010_and_a_missing_one_with_MLOPS3011()
    {
        var notZip = _temp.File("a.1.0.0.nupkg");
        File.WriteAllText(notZip, "not a zip");
        var noNuspec = _temp.File("b.1.0.0.nupkg");
        using (var archive = ZipFile.Open(noNuspec, ZipArchiveMode.Create))
        {
            archive.CreateEntry("content/x.txt");
        }

        Assert.Equal("MLOPS3010", (await Assert.ThrowsAsync<RegistryException>(() => _feed.PushAsync(notZip))).Code);
        Assert.Equal("MLOPS3010", (await Assert.ThrowsAsync<RegistryException>(() => _feed.PushAsync(noNuspec))).Code);
        Assert.Equal("MLOPS3011", (await Assert.ThrowsAsync<RegistryException>(() => _feed.PushAsync(_temp.File("missing.1.0.0.nupkg")))).Code);
    }
}
