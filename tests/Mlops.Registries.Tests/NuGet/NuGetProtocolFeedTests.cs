using Mlops.Diagnostics;
using Mlops.Registries.Auth;
using Mlops.Registries.NuGet;
using NuGet.Versioning;
using Xunit.Abstractions;

namespace Mlops.Registries.Tests.NuGet;

/// <summary>NuGetProtocolFeed against a folder feed, through NuGet.Protocol's local resources, and next to `dotnet nuget push`.</summary>
public sealed class NuGetProtocolFeedTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder temp = new("mlops-nuget-feed-");

    private string FeedFolder => temp.File("feed");

    [Fact]
    public async Task Pushes_a_package_and_lists_its_versions()
    {
        Directory.CreateDirectory(FeedFolder);
        var feed = new NuGetProtocolFeed(FeedFolder);

        var first = await feed.PushAsync(TestNuGetPackage.Write(temp.File("a"), "Contoso.Churn.Model", "1.0.0", "one"));
        await feed.PushAsync(TestNuGetPackage.Write(temp.File("b"), "Contoso.Churn.Model", "1.2.0-rc.1", "two"));

        Assert.Equal("Contoso.Churn.Model", first.Id);
        Assert.Equal([NuGetVersion.Parse("1.0.0"), NuGetVersion.Parse("1.2.0-rc.1")], await feed.ListVersionsAsync("contoso.churn.model"));
        Assert.Empty(await feed.ListVersionsAsync("Contoso.Other"));
    }

    [Fact]
    public async Task The_same_bytes_again_are_a_no_op_and_other_bytes_are_MLOPS3003()
    {
        Directory.CreateDirectory(FeedFolder);
        var feed = new NuGetProtocolFeed(FeedFolder);
        var package = TestNuGetPackage.Write(temp.File("a"), "Contoso.Churn.Model", "1.0.0", "one");
        await feed.PushAsync(package);
        var stored = Directory.EnumerateFiles(FeedFolder, "*.nupkg", SearchOption.AllDirectories).Single();
        var storedBytes = await File.ReadAllBytesAsync(stored);

        await feed.PushAsync(package);
        var error = await Assert.ThrowsAsync<ImmutableVersionException>(() =>
            feed.PushAsync(TestNuGetPackage.Write(temp.File("b"), "Contoso.Churn.Model", "1.0.0", "changed")));

        Assert.Equal(ErrorCodes.Registries.NuGetVersionImmutable, error.Code);
        Assert.Equal(("Contoso.Churn.Model", "1.0.0"), (error.Package, error.Version));
        Assert.Equal(storedBytes, await File.ReadAllBytesAsync(stored));
    }

    [Fact]
    public async Task Reads_what_dotnet_nuget_push_wrote_and_refuses_to_overwrite_it()
    {
        Directory.CreateDirectory(FeedFolder);
        var package = TestNuGetPackage.Write(temp.File("a"), "Contoso.Churn.Model", "2.0.0", "cli");
        var push = await ChildProcess.RunAsync("dotnet", ["nuget", "push", package, "--source", FeedFolder], temp.Path,
            IsolatedEnvironment.Dotnet(temp.File("nuget-packages")));
        output.WriteLine(push.AllOutput);
        push.EnsureSuccess();
        var feed = new NuGetProtocolFeed(FeedFolder);

        Assert.Equal([NuGetVersion.Parse("2.0.0")], await feed.ListVersionsAsync("Contoso.Churn.Model"));
        Assert.Equal("Contoso.Churn.Model", (await feed.PushAsync(package)).Id);
        var error = await Assert.ThrowsAsync<ImmutableVersionException>(() =>
            feed.PushAsync(TestNuGetPackage.Write(temp.File("b"), "Contoso.Churn.Model", "2.0.0", "ours")));
        Assert.Equal(ErrorCodes.Registries.NuGetVersionImmutable, error.Code);
    }

    [Fact]
    public async Task A_missing_package_is_MLOPS3011_and_a_file_that_is_not_one_MLOPS3010()
    {
        var feed = new NuGetProtocolFeed(FeedFolder);
        Assert.Equal(ErrorCodes.Registries.FileToPushNotFound,
            (await Assert.ThrowsAsync<RegistryException>(() => feed.PushAsync(temp.File("none.1.0.0.nupkg")))).Code);
        var notAPackage = temp.File("bad.1.0.0.nupkg");
        await File.WriteAllTextAsync(notAPackage, "not a zip");
        Assert.Equal(ErrorCodes.Registries.InvalidNuGetPackage,
            (await Assert.ThrowsAsync<RegistryException>(() => feed.PushAsync(notAPackage))).Code);
    }

    [Fact]
    public async Task An_unreachable_http_feed_is_MLOPS3055_without_the_password_or_api_key()
    {
        const string password = "feed-Passw0rd-secret", apiKey = "api-key-secret-123";
        var feed = await NuGetProtocolFeed.CreateAsync("http://127.0.0.1:9/v3/index.json",
            new Python.FixedCredentialProvider("127.0.0.1:9", RegistryCredential.Basic("ci", password, "test")), apiKey);

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            feed.PushAsync(TestNuGetPackage.Write(temp.File("a"), "Contoso.Churn.Model", "1.0.0", "one")));

        Assert.Equal(ErrorCodes.Registries.NuGetFeedFailed, error.Code);
        Assert.Contains("127.0.0.1:9", error.Message);
        Assert.DoesNotContain(password, error.ToString());
        Assert.DoesNotContain(apiKey, error.ToString());
    }

    public void Dispose() => temp.Dispose();
}
