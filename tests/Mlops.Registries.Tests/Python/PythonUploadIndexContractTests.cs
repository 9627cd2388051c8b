using Mlops.Diagnostics;
using Mlops.Registries.Auth;
using Mlops.Registries.Python;
using Xunit.Abstractions;

namespace Mlops.Registries.Tests.Python;

/// <summary>Our upload client against the contract server of Artifact Registry's Python format.</summary>
public sealed class PythonUploadIndexContractTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Push_uploads_once_and_returns_the_digest_the_index_reports()
    {
        await using var registry = await PythonRegistryFixture.StartAsync();
        var wheel = TestWheel.Write(registry.Work.Path, "Churn_Model", "1.0.0", "42");

        var published = await registry.Client().PushAsync(wheel);

        Assert.Equal(new PythonPackageFile("churn-model", "churn_model-1.0.0-py3-none-any.whl", "1.0.0", Sha256Of(wheel)), published);
        Assert.Single(registry.Uploads);
        Assert.All(registry.Server.Requests, r => Assert.StartsWith("Basic ", r.Authorization));
        Assert.Equal(["churn-model"], await registry.Client().ListProjectsAsync());
        Assert.Equal([published], await registry.Client().ListFilesAsync("CHURN.model"));
        Assert.True(File.Exists(Path.Combine(registry.Server.Storage, "churn-model", "churn_model-1.0.0-py3-none-any.whl")));
    }

    [Fact]
    public async Task A_download_is_the_published_file_byte_for_byte_with_credentials()
    {
        await using var registry = await PythonRegistryFixture.StartAsync();
        var wheel = TestWheel.Write(registry.Work.File("a"), "churn-model", "1.0.0", "42");
        var published = await registry.Client().PushAsync(wheel);
        registry.Server.ClearRequests();

        var copy = registry.Work.File("copy.whl");
        var downloaded = await registry.Client().DownloadAsync("Churn_Model", published.FileName, copy);

        Assert.Equal(published, downloaded);
        Assert.Equal(File.ReadAllBytes(wheel), File.ReadAllBytes(copy));
        Assert.All(registry.Server.Requests, r => Assert.StartsWith("Basic ", r.Authorization));
    }

    [Fact]
    public async Task A_stored_file_whose_bytes_are_not_what_the_index_lists_is_MLOPS3056_and_nothing_is_written()
    {
        await using var registry = await PythonRegistryFixture.StartAsync();
        var published = await registry.Client().PushAsync(TestWheel.Write(registry.Work.File("a"), "churn-model", "1.0.0", "42"));
        var stored = Path.Combine(registry.Server.Storage, "churn-model", published.FileName);
        File.WriteAllBytes(stored, [.. File.ReadAllBytes(stored), 0]);

        var copy = registry.Work.File("copy.whl");
        var error = await Assert.ThrowsAsync<RegistryException>(() => registry.Client().DownloadAsync("churn-model", published.FileName, copy));

        Assert.Equal(ErrorCodes.Registries.PythonDownloadNotVerified, error.Code);
        Assert.Contains(published.Sha256, error.Message);
        Assert.False(File.Exists(copy));
        Assert.Empty(Directory.GetFiles(registry.Work.Path, "*.partial"));
    }

    [Fact]
    public async Task Pushing_the_same_file_again_uploads_nothing()
    {
        await using var registry = await PythonRegistryFixture.StartAsync();
        var wheel = TestWheel.Write(registry.Work.Path, "churn-model", "1.0.0", "42");
        var first = await registry.Client().PushAsync(wheel);
        registry.Server.ClearRequests();

        var again = await registry.Client().PushAsync(wheel);

        Assert.Equal(first, again);
        Assert.Empty(registry.Uploads);
    }

    [Fact]
    public async Task Other_bytes_under_a_published_file_name_are_refused_before_any_upload()
    {
        await using var registry = await PythonRegistryFixture.StartAsync();
        await registry.Client().PushAsync(TestWheel.Write(registry.Work.File("a"), "churn-model", "1.0.0", "1"));
        registry.Server.ClearRequests();

        var changed = TestWheel.Write(registry.Work.File("b"), "churn-model", "1.0.0", "2");
        var error = await Assert.ThrowsAsync<ImmutableVersionException>(() => registry.Client().PushAsync(changed));

        Assert.Equal(ErrorCodes.Registries.PythonFileImmutable, error.Code);
        Assert.Equal(("churn-model", "1.0.0"), (error.Package, error.Version));
        Assert.Contains(Sha256Of(changed), error.Message);
        Assert.Empty(registry.Uploads);
    }

    [Fact]
    public async Task A_503_with_retry_after_is_retried_with_the_file_sent_whole_again()
    {
        await using var registry = await PythonRegistryFixture.StartAsync();
        registry.Server.Faults.Respond(503, r => r.Method == "POST", retryAfterSeconds: 0);
        var wheel = TestWheel.Write(registry.Work.Path, "churn-model", "1.0.0", "42");

        var published = await registry.Client().PushAsync(wheel);

        Assert.Equal(Sha256Of(wheel), published.Sha256);
        Assert.Equal(2, registry.Uploads.Count());
        Assert.All(registry.Uploads, u => Assert.True(u.ContentLength > new FileInfo(wheel).Length, "each try sends the whole form with a Content-Length"));
    }

    [Fact]
    public async Task A_connection_dropped_mid_upload_is_retried_from_the_start_of_the_file()
    {
        await using var registry = await PythonRegistryFixture.StartAsync();
        var wheel = TestWheel.Write(registry.Work.Path, "churn-model", "1.0.0", new string('7', 300_000));
        registry.Server.Faults.DropConnection(r => r.Method == "POST", afterBytes: 100_000);

        var published = await registry.Client().PushAsync(wheel);

        Assert.Equal(Sha256Of(wheel), published.Sha256);
        Assert.Equal(2, registry.Uploads.Count());
        Assert.Equal(Sha256Of(wheel), Sha256Of(Path.Combine(registry.Server.Storage, "churn-model", Path.GetFileName(wheel))));
    }

    [Fact]
    public async Task A_wrong_password_is_MLOPS3050_naming_the_repository_and_not_the_password()
    {
        await using var registry = await PythonRegistryFixture.StartAsync();
        const string wrong = "not-the-Password-9f8e7d";
        var wheel = TestWheel.Write(registry.Work.Path, "churn-model", "1.0.0", "42");

        var error = await Assert.ThrowsAsync<RegistryException>(() => registry.Client(password: wrong).PushAsync(wheel));

        Assert.Equal(ErrorCodes.Registries.PythonRepositoryUnauthorized, error.Code);
        Assert.Contains(registry.Server.RepositoryUrl.AbsoluteUri, error.Message);
        Assert.DoesNotContain(wrong, error.ToString());
        Assert.DoesNotContain(PythonRegistryFixture.Password, error.ToString());
        Assert.Empty(registry.Uploads);
    }

    [Fact]
    public async Task An_access_token_for_a_pkg_dev_host_goes_as_the_password_of_oauth2accesstoken()
    {
        var header = PythonRepositoryAuthorization.For("europe-west4-python.pkg.dev", RegistryCredential.Bearer("ya29.token", "gcloud"));
        Assert.Equal("Basic", header!.Scheme);
        Assert.Equal("oauth2accesstoken:ya29.token", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!)));
        Assert.Equal("Bearer", PythonRepositoryAuthorization.For("pypi.example.com", RegistryCredential.Bearer("t", "env"))!.Scheme);
        Assert.DoesNotContain("ya29.token", RegistryCredential.Bearer("ya29.token", "gcloud").ToString());

        // And the contract server takes it the way Artifact Registry does.
        await using var registry = await PythonRegistryFixture.StartAsync();
        var client = new PythonUploadIndex(registry.Server.RepositoryUrl, registry.Http,
            new TokenAsBasicProvider(registry.Server.RepositoryUrl.Authority, PythonRegistryFixture.AccessToken), Http.RetrySettings.Immediate);
        var published = await client.PushAsync(TestWheel.Write(registry.Work.Path, "churn-model", "1.0.0", "42"));
        Assert.Equal("churn-model", published.Project);
    }

    [Fact]
    public async Task A_wheel_whose_metadata_names_another_version_is_MLOPS3009_and_not_uploaded()
    {
        await using var registry = await PythonRegistryFixture.StartAsync();
        var wheel = TestWheel.Write(registry.Work.Path, "churn-model", "1.0.0", "42");
        var renamed = Path.Combine(registry.Work.Path, "churn_model-2.0.0-py3-none-any.whl");
        File.Copy(wheel, renamed);

        var error = await Assert.ThrowsAsync<RegistryException>(() => registry.Client().PushAsync(renamed));

        Assert.Equal(ErrorCodes.Registries.InvalidWheel, error.Code);
        Assert.Empty(registry.Server.Requests);
    }

    [Fact]
    public async Task A_missing_wheel_is_MLOPS3011()
    {
        await using var registry = await PythonRegistryFixture.StartAsync();
        var error = await Assert.ThrowsAsync<RegistryException>(() => registry.Client().PushAsync(registry.Work.File("none-1.0-py3-none-any.whl")));
        Assert.Equal(ErrorCodes.Registries.FileToPushNotFound, error.Code);
    }

    [Fact]
    public async Task An_upload_url_that_is_not_a_python_repository_is_MLOPS3053()
    {
        await using var registry = await PythonRegistryFixture.StartAsync();
        registry.Server.Faults.Respond(500, times: 10);
        var error = await Assert.ThrowsAsync<RegistryException>(() => registry.Client().ListProjectsAsync());
        Assert.Equal(ErrorCodes.Registries.PythonIndexUnreadable, error.Code);
        output.WriteLine(error.Message);
    }

    [Fact]
    public async Task A_403_is_MLOPS3051_naming_the_permission_needed()
    {
        await using var registry = await PythonRegistryFixture.StartAsync();
        registry.Server.Faults.Respond(403, r => r.Method == "POST");
        var wheel = TestWheel.Write(registry.Work.Path, "churn-model", "1.0.0", "42");

        var error = await Assert.ThrowsAsync<RegistryException>(() => registry.Client().PushAsync(wheel));

        Assert.Equal(ErrorCodes.Registries.PythonRepositoryForbidden, error.Code);
        Assert.Contains("roles/artifactregistry.writer", error.Message);
        Assert.Contains(registry.Server.RepositoryUrl.AbsoluteUri, error.Message);
        Assert.DoesNotContain(PythonRegistryFixture.Password, error.ToString());
    }

    [Fact]
    public async Task The_server_keeps_its_files_on_disk_across_restarts()
    {
        using var storage = new TempFolder("mlops-pypi-restart-");
        using var work = new TempFolder();
        var retries = Http.RetrySettings.Immediate;
        using var http = Http.RegistryHttpClient.Create(retries);
        var wheel = TestWheel.Write(work.Path, "churn-model", "1.0.0", "42");
        PythonPackageFile published;
        await using (var first = new ContractServers.Python.PythonRegistryServer(storage.Path, "u", "p"))
        {
            await first.StartAsync();
            published = await ClientFor(first).PushAsync(wheel);
        }
        await using var second = new ContractServers.Python.PythonRegistryServer(storage.Path, "u", "p");
        await second.StartAsync();

        Assert.Equal([published], await ClientFor(second).ListFilesAsync("churn-model"));

        PythonUploadIndex ClientFor(ContractServers.Python.PythonRegistryServer server) =>
            new(server.RepositoryUrl, http, new FixedCredentialProvider(server.RepositoryUrl.Authority, RegistryCredential.Basic("u", "p", "test")), retries);
    }

    internal static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }

    /// <summary>What Google's credential provider gives for a pkg.dev host: an access token, no user.</summary>
    private sealed class TokenAsBasicProvider(string host, string token) : IRegistryCredentialProvider
    {
        // The server runs on 127.0.0.1, not pkg.dev, so send the token the way PythonUploadIndex sends it to pkg.dev.
        public Task<RegistryCredential?> GetAsync(string host1, CancellationToken cancellationToken = default) =>
            Task.FromResult<RegistryCredential?>(host1 == host ? RegistryCredential.Basic(PythonRepositoryAuthorization.AccessTokenUser, token, "test") : null);
    }
}
