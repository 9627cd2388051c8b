using Mlops.ContractServers;
using Mlops.ContractServers.Python;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;
using Mlops.Registries.Python;

namespace Mlops.Registries.Tests.Python;

/// <summary>A <see cref="PythonRegistryServer"/> at an AR-like path with a user and password, and our client for it.</summary>
internal sealed class PythonRegistryFixture : IAsyncDisposable
{
    public const string User = "publisher";
    public const string Password = "s3cret-Pa55word-for-tests";
    public const string AccessToken = "ya29.test-access-token-value";

    private readonly TempFolder storage = new("mlops-pypi-");

    private PythonRegistryFixture()
    {
        Server = new PythonRegistryServer(storage.Path, User, Password, "/acme-dataops/models/", AccessToken);
        Http = RegistryHttpClient.Create(RetrySettings.Immediate);
    }

    public PythonRegistryServer Server { get; }

    public HttpClient Http { get; }

    public TempFolder Work { get; } = new("mlops-pypi-work-");

    public static async Task<PythonRegistryFixture> StartAsync()
    {
        var fixture = new PythonRegistryFixture();
        await fixture.Server.StartAsync();
        return fixture;
    }

    public PythonUploadIndex Client(string? password = Password) =>
        new(Server.RepositoryUrl, Http,
            password is null ? null : new FixedCredentialProvider(Server.RepositoryUrl.Authority, RegistryCredential.Basic(User, password, "test")),
            RetrySettings.Immediate);

    public IEnumerable<RecordedRequest> Uploads => Server.Requests.Where(r => r.Method == "POST");

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Http.Dispose();
        storage.Dispose();
        Work.Dispose();
    }
}
