using Mlops.Diagnostics;
using System.Text.RegularExpressions;

namespace Mlops.Registries.Kfp;

/// <summary>
/// Where each operation of a KFP-format repository goes. Artifact Registry (<c>https://LOCATION-kfp.pkg.dev/P/R</c>):
/// upload and download on that host, tags/packages/versions on <c>artifactregistry.googleapis.com/v1/projects/P/locations/L/repositories/R</c>.
/// Any other host (the KFP client's generic form): every operation relative to the repository URL, management under <c>packages/</c>.
/// </summary>
public sealed partial class KfpRepositoryEndpoints
{
    public static readonly Uri ArtifactRegistryApi = new("https://artifactregistry.googleapis.com/");

    private KfpRepositoryEndpoints(Uri repository, Uri management, string resourcePrefix, string credentialHost, bool isArtifactRegistry)
    {
        Repository = repository;
        Management = management;
        ResourcePrefix = resourcePrefix;
        CredentialHost = credentialHost;
        IsArtifactRegistry = isArtifactRegistry;
    }

    /// <summary>The repository URL, ending in <c>/</c>: uploads are POSTed to it, downloads are <c>PKG/VERSION_OR_TAG</c> below it.</summary>
    public Uri Repository { get; }

    /// <summary>The base of <c>packages/…</c>, ending in <c>/</c>.</summary>
    public Uri Management { get; }

    /// <summary>What resource names start with (<c>projects/P/locations/L/repositories/R/</c>, or empty for the generic form).</summary>
    public string ResourcePrefix { get; }

    /// <summary>The host a credential is looked up for (the <c>kfp.pkg.dev</c> host even when <paramref name="apiOverride"/> serves it).</summary>
    public string CredentialHost { get; }

    public bool IsArtifactRegistry { get; }

    /// <param name="repositoryUrl">The repository URL as users write it.</param>
    /// <param name="apiOverride">Artifact Registry only: a server that serves both its upload host (<c>/P/R</c>) and its REST API (<c>/v1/…</c>), for tests.</param>
    public static KfpRepositoryEndpoints Parse(Uri repositoryUrl, Uri? apiOverride = null)
    {
        if (!repositoryUrl.IsAbsoluteUri || repositoryUrl.Scheme is not ("https" or "http") || repositoryUrl.Query.Length > 0)
        {
            throw Invalid(repositoryUrl, "it is not an absolute http(s) URL without a query");
        }
        var path = repositoryUrl.AbsolutePath.Trim('/');
        if (ArtifactRegistryHost().Match(repositoryUrl.Host) is { Success: true } match)
        {
            var segments = path.Split('/');
            if (segments.Length != 2 || segments.Any(s => s.Length == 0))
            {
                throw Invalid(repositoryUrl, "an Artifact Registry repository URL has exactly /PROJECT/REPO after the host");
            }
            var (location, project, repository) = (match.Groups[1].Value, segments[0], segments[1]);
            var prefix = $"projects/{project}/locations/{location}/repositories/{repository}/";
            var uploadHost = apiOverride ?? new Uri($"https://{repositoryUrl.Authority}/");
            var api = apiOverride ?? ArtifactRegistryApi;
            return new KfpRepositoryEndpoints(new Uri(uploadHost, $"{project}/{repository}/"), new Uri(api, "v1/" + prefix), prefix, repositoryUrl.Authority, true);
        }
        var root = new Uri(repositoryUrl.GetLeftPart(UriPartial.Authority) + "/" + (path.Length == 0 ? "" : path + "/"));
        return new KfpRepositoryEndpoints(root, root, "", repositoryUrl.Authority, false);
    }

    public Uri Download(string package, string versionOrTag) => new(Repository, $"{Uri.EscapeDataString(package)}/{versionOrTag}");

    public Uri Packages(string query = "") => new(Management, "packages" + query);

    public Uri Tags(string package, string query = "") => new(Management, $"packages/{Uri.EscapeDataString(package)}/tags{query}");

    public Uri Tag(string package, string tag, string query = "") => new(Management, $"packages/{Uri.EscapeDataString(package)}/tags/{Uri.EscapeDataString(tag)}{query}");

    /// <summary>The version's resource name, as a tag's <c>version</c> field takes it.</summary>
    public string VersionName(string package, ContentDigest version) => $"{ResourcePrefix}packages/{package}/versions/{version}";

    private static RegistryException Invalid(Uri url, string why) =>
        new(ErrorCodes.Registries.KfpInvalidRepositoryUrl,
            $"'{url}' is not a KFP-format repository URL: {why}. Write it as https://LOCATION-kfp.pkg.dev/PROJECT/REPO (or the host's repository URL).");

    [GeneratedRegex("^([a-z0-9-]+)-kfp\\.pkg\\.dev$", RegexOptions.IgnoreCase)]
    private static partial Regex ArtifactRegistryHost();
}
