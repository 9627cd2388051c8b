using Mlops.Diagnostics;
using Mlops.Registries.Http;
using Mlops.Registries.Python;

namespace Mlops.Registries.Tests.Python;

/// <summary>
/// Another publisher's upload lands between our index check and our upload, so the server answers Artifact
/// Registry's <c>400 requested entity already exists</c>: the index then decides.
/// </summary>
public sealed class UploadRaceContractTests
{
    [Fact]
    public async Task The_same_file_uploaded_by_someone_else_first_is_success()
    {
        await using var registry = await PythonRegistryFixture.StartAsync();
        var wheel = TestWheel.Write(registry.Work.Path, "churn-model", "1.0.0", "42");

        var published = await ClientRacedBy(registry, wheel).PushAsync(wheel);

        Assert.Equal(PythonUploadIndexContractTests.Sha256Of(wheel), published.Sha256);
        Assert.Single(registry.Uploads);
    }

    [Fact]
    public async Task Other_bytes_uploaded_by_someone_else_first_are_MLOPS3002()
    {
        await using var registry = await PythonRegistryFixture.StartAsync();
        var theirs = TestWheel.Write(registry.Work.File("theirs"), "churn-model", "1.0.0", "1");
        var ours = TestWheel.Write(registry.Work.File("ours"), "churn-model", "1.0.0", "2");

        var error = await Assert.ThrowsAsync<ImmutableVersionException>(() => ClientRacedBy(registry, theirs).PushAsync(ours));

        Assert.Equal(ErrorCodes.Registries.PythonFileImmutable, error.Code);
        Assert.Single(registry.Uploads);
    }

    private static PythonUploadIndex ClientRacedBy(PythonRegistryFixture registry, string theirWheel)
    {
        var http = RegistryHttpClient.Create(RetrySettings.Immediate, new OtherPublisherFirst(registry, theirWheel));
        return new PythonUploadIndex(registry.Server.RepositoryUrl, http,
            new FixedCredentialProvider(registry.Server.RepositoryUrl.Authority,
                Auth.RegistryCredential.Basic(PythonRegistryFixture.User, PythonRegistryFixture.Password, "test")),
            RetrySettings.Immediate);
    }

    /// <summary>Before the first upload goes out, the other publisher's file is stored as the server stores uploads.</summary>
    private sealed class OtherPublisherFirst(PythonRegistryFixture registry, string theirWheel) : DelegatingHandler(new SocketsHttpHandler())
    {
        private bool raced;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && !raced)
            {
                raced = true;
                var folder = Path.Combine(registry.Server.Storage, "churn-model");
                Directory.CreateDirectory(folder);
                var name = Path.GetFileName(theirWheel);
                File.WriteAllText(Path.Combine(folder, $".{name}.sha256"), PythonUploadIndexContractTests.Sha256Of(theirWheel));
                File.Copy(theirWheel, Path.Combine(folder, name));
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
