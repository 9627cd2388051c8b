using Google.Apis.Auth.OAuth2;
using Mlops.Diagnostics;
using GoogleHttpClientFactory = Google.Apis.Http.IHttpClientFactory;

namespace Mlops.Registries.Auth.Google;

/// <summary>
/// An access token from Google's application default credentials, in their documented order:
/// <c>GOOGLE_APPLICATION_CREDENTIALS</c> (a file of any type: <c>service_account</c>, <c>authorized_user</c>,
/// <c>external_account</c>, <c>impersonated_service_account</c>), then gcloud's
/// <c>application_default_credentials.json</c>, then the metadata server (<c>GCE_METADATA_HOST</c> when set). Always
/// scoped to cloud-platform (an unscoped service account would hand out a self-signed JWT instead), and impersonating
/// <see cref="Impersonate"/> when given. Resolved once, on the first token asked for; Google.Apis.Auth refreshes the
/// token about a minute before it expires.
/// </summary>
public sealed class GoogleAccessTokenSource : IAccessTokenSource
{
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";
    private const string MetadataTokenPath = "/computeMetadata/v1/instance/service-accounts/default/token";

    private readonly Func<string, string?> environment;
    private readonly string home;
    private readonly FailedTokenResponses http;
    private readonly Func<CancellationToken, Task<bool>> metadataServerAnswers;
    private readonly SemaphoreSlim resolving = new(1, 1);
    private ResolvedGoogleCredential? resolved;

    /// <param name="impersonate">A service account to impersonate (an environment's <c>impersonate</c>), or null.</param>
    /// <param name="environment">The environment variables (default: the process's).</param>
    /// <param name="home">The user's home folder, where gcloud keeps its configuration (default: the user's).</param>
    /// <param name="httpClientFactory">Where Google.Apis.Auth's requests go (default: its own factory).</param>
    /// <param name="metadataServerAnswers">Whether a metadata server is there when <c>GCE_METADATA_HOST</c> is not set (default: Google.Apis.Auth's probe of 169.254.169.254).</param>
    public GoogleAccessTokenSource(string? impersonate = null, Func<string, string?>? environment = null, string? home = null,
        GoogleHttpClientFactory? httpClientFactory = null, Func<CancellationToken, Task<bool>>? metadataServerAnswers = null)
    {
        Impersonate = string.IsNullOrWhiteSpace(impersonate) ? null : impersonate.Trim();
        this.environment = environment ?? Environment.GetEnvironmentVariable;
        this.home = home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        http = new FailedTokenResponses(httpClientFactory ?? new global::Google.Apis.Http.HttpClientFactory());
        this.metadataServerAnswers = metadataServerAnswers ?? (_ => ComputeCredential.IsRunningOnComputeEngine());
    }

    /// <summary>The service account whose token is asked for, or null for the credentials' own.</summary>
    public string? Impersonate { get; }

    public string Description => resolved?.Description
        ?? "Google application default credentials" + (Impersonate is null ? "" : $", impersonating {Impersonate}");

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        var credential = await ResolveAsync(cancellationToken);
        http.Forget();
        try
        {
            return await credential.Credential.UnderlyingCredential.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);
        }
        catch (Exception e) when (GoogleTokenFailure.Translate(e, credential, Impersonate, http.Last) is { } failure)
        {
            throw failure;
        }
    }

    private async Task<ResolvedGoogleCredential> ResolveAsync(CancellationToken cancellationToken)
    {
        if (resolved is { } known)
        {
            return known;
        }
        await resolving.WaitAsync(cancellationToken);
        try
        {
            return resolved ??= Prepare(await FindAsync(cancellationToken));
        }
        finally
        {
            resolving.Release();
        }
    }

    private async Task<ResolvedGoogleCredential> FindAsync(CancellationToken cancellationToken)
    {
        if (environment("GOOGLE_APPLICATION_CREDENTIALS") is { Length: > 0 } named)
        {
            var origin = $"GOOGLE_APPLICATION_CREDENTIALS ({named})";
            return File.Exists(named)
                ? GoogleCredentialFile.Load(named, origin)
                : throw new RegistryException(ErrorCodes.Registries.GoogleCredentialsFileInvalid,
                    $"The Google credentials file {origin} does not exist. Point GOOGLE_APPLICATION_CREDENTIALS at the file you meant, or unset it to use gcloud's application default credentials.");
        }
        var wellKnown = WellKnownFile();
        if (File.Exists(wellKnown))
        {
            return GoogleCredentialFile.Load(wellKnown, $"gcloud's application default credentials ({wellKnown})");
        }
        if (environment("GCE_METADATA_HOST") is { Length: > 0 } metadataHost)
        {
            return FromMetadataServer(metadataHost, $"GCE_METADATA_HOST={metadataHost}");
        }
        if (await metadataServerAnswers(cancellationToken))
        {
            return FromMetadataServer(null, "169.254.169.254");
        }
        throw new RegistryException(ErrorCodes.Registries.GoogleCredentialsNotFound,
            $"No Google application default credentials: GOOGLE_APPLICATION_CREDENTIALS is not set, {wellKnown} does not exist, and no metadata server answers. " +
            "On a workstation run `gcloud auth application-default login`; elsewhere set GOOGLE_APPLICATION_CREDENTIALS to a credentials file; " +
            "in CI use google-github-actions/auth with workload identity federation (it sets GOOGLE_APPLICATION_CREDENTIALS).");
    }

    private ResolvedGoogleCredential FromMetadataServer(string? host, string where)
    {
        var initializer = host is null ? new ComputeCredential.Initializer() : new ComputeCredential.Initializer($"http://{host}{MetadataTokenPath}");
        initializer.HttpClientFactory = http;
        return new(new ComputeCredential(initializer).ToGoogleCredential(), $"the metadata server's default service account ({where})",
            [GoogleCredentialFile.HostOf(initializer.TokenServerUrl, host ?? "169.254.169.254")], CanImpersonate: false);
    }

    /// <summary>Where <c>gcloud auth application-default login</c> writes: under CLOUDSDK_CONFIG, %APPDATA%\gcloud or ~/.config/gcloud.</summary>
    private string WellKnownFile()
    {
        var folder = environment("CLOUDSDK_CONFIG") is { Length: > 0 } configured ? configured
            : OperatingSystem.IsWindows() && environment("APPDATA") is { Length: > 0 } appData ? Path.Combine(appData, "gcloud")
            : Path.Combine(home, ".config", "gcloud");
        return Path.Combine(folder, "application_default_credentials.json");
    }

    private ResolvedGoogleCredential Prepare(ResolvedGoogleCredential found)
    {
        var credential = found.Credential.CreateWithHttpClientFactory(http);
        if (Impersonate is null)
        {
            return found with { Credential = credential.CreateScoped(CloudPlatformScope) };
        }
        if (!found.CanImpersonate)
        {
            throw new RegistryException(ErrorCodes.Registries.GoogleImpersonationUnsupported,
                $"The environment impersonates {Impersonate}, but the credentials found ({found.Description}) cannot impersonate with Google.Apis.Auth: only a service account key and user credentials can. " +
                $"Put the impersonation into the credentials (google-github-actions/auth with service_account: {Impersonate}, or gcloud auth application-default login --impersonate-service-account {Impersonate}), or use a service account key or user credentials.");
        }
        var initializer = new ImpersonatedCredential.Initializer(Impersonate) { Scopes = [CloudPlatformScope] };
        initializer.HttpClientFactory = http;
        return new(credential.Impersonate(initializer), $"service account {Impersonate} impersonated by {found.Description}",
            [.. found.TokenEndpoints, "iamcredentials.googleapis.com"], CanImpersonate: false);
    }
}
