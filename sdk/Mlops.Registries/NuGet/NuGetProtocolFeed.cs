using System.Security.Cryptography;
using Mlops.Diagnostics;
using Mlops.Registries.Auth;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace Mlops.Registries.NuGet;

/// <summary>
/// A NuGet source reached through NuGet.Protocol, as <c>dotnet nuget push</c> and restore reach it: a V3 feed URL
/// (<c>https://…/index.json</c>, Artifact Registry, GitHub Packages, Azure Artifacts) or a folder. Before pushing it
/// looks the version up: the same bytes already there is a no-op, other bytes throw
/// <see cref="ImmutableVersionException"/> (MLOPS3003) and nothing is pushed.
/// </summary>
public sealed class NuGetProtocolFeed : INuGetFeed
{
    private readonly SourceRepository repository;
    private readonly string? apiKey;

    /// <param name="source">A feed URL or a folder.</param>
    /// <param name="credential">For an http(s) source: sent as the feed's user and password (an access token as the password of <c>oauth2accesstoken</c>).</param>
    /// <param name="apiKey">The push API key (X-NuGet-ApiKey) for an http(s) source that wants one.</param>
    public NuGetProtocolFeed(string source, RegistryCredential? credential = null, string? apiKey = null)
    {
        Source = source;
        this.apiKey = apiKey;
        var packageSource = new PackageSource(source);
        if (packageSource.IsHttp && credential is not null && ToSourceCredential(source, credential) is { } sourceCredential)
        {
            packageSource.Credentials = sourceCredential;
        }
        repository = Repository.Factory.GetCoreV3(packageSource);
    }

    /// <summary>Looks the credential for the source's host up in <paramref name="credentials"/> when the source is http(s).</summary>
    public static async Task<NuGetProtocolFeed> CreateAsync(string source, IRegistryCredentialProvider credentials, string? apiKey = null,
        CancellationToken cancellationToken = default)
    {
        RegistryCredential? credential = null;
        if (Uri.TryCreate(source, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            credential = await credentials.GetAsync(url.Authority, cancellationToken).ConfigureAwait(false);
        }
        return new NuGetProtocolFeed(source, credential, apiKey);
    }

    public string Source { get; }

    public async Task<PackageIdentity> PushAsync(string nupkgPath, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(nupkgPath))
        {
            throw new RegistryException(ErrorCodes.Registries.FileToPushNotFound,
                $"There is no package at '{Path.GetFullPath(nupkgPath)}': build it first (dotnet pack) or fix the path.");
        }
        var identity = ReadIdentity(nupkgPath);
        var version = identity.Version.ToNormalizedString();
        if (await ReadPublishedSha512Async(identity, cancellationToken).ConfigureAwait(false) is { } published)
        {
            if (published == await Sha512OfAsync(nupkgPath, cancellationToken).ConfigureAwait(false))
            {
                return identity;
            }
            throw new ImmutableVersionException(ErrorCodes.Registries.NuGetVersionImmutable, identity.Id, version,
                $"{identity.Id} {version} is already published to '{Source}' with other content and a published package is immutable: " +
                "bump the project's Version and publish again.");
        }
        var update = await GetResourceAsync<PackageUpdateResource>(cancellationToken).ConfigureAwait(false);
        try
        {
            // NuGet's signature says non-null, but null is how dotnet nuget push says "no symbols, no key".
            await update.Push([Path.GetFullPath(nupkgPath)], symbolSource: null!, timeoutInSecond: 30 * 60, disableBuffering: false,
                getApiKey: _ => apiKey!, getSymbolApiKey: _ => null!, noServiceEndpoint: false, skipDuplicate: false,
                symbolPackageUpdateResource: null, log: NullLogger.Instance).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new RegistryException(ErrorCodes.Registries.NuGetFeedFailed,
                $"'{Source}' refused {identity.Id} {version}: {Redact(e.Message)}. Check the source and the API key or credential configured for it.", e);
        }
        return identity;
    }

    public async Task<IReadOnlyList<NuGetVersion>> ListVersionsAsync(string packageId, CancellationToken cancellationToken = default)
    {
        var find = await GetResourceAsync<FindPackageByIdResource>(cancellationToken).ConfigureAwait(false);
        using var cache = NewCache();
        var versions = await Read(() => find.GetAllVersionsAsync(packageId, cache, NullLogger.Instance, cancellationToken)).ConfigureAwait(false);
        return versions.Distinct().Order().ToList();
    }

    /// <summary>The base64 SHA-512 of the published package's bytes, or null when the version is not published.</summary>
    private async Task<string?> ReadPublishedSha512Async(PackageIdentity identity, CancellationToken cancellationToken)
    {
        var find = await GetResourceAsync<FindPackageByIdResource>(cancellationToken).ConfigureAwait(false);
        using var cache = NewCache();
        using var bytes = new MemoryStream();
        var found = await Read(() => find.CopyNupkgToStreamAsync(identity.Id, identity.Version, bytes, cache, NullLogger.Instance, cancellationToken))
            .ConfigureAwait(false);
        return found ? Convert.ToBase64String(SHA512.HashData(bytes.ToArray())) : null;
    }

    private async Task<T> Read<T>(Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (e is FatalProtocolException or HttpRequestException)
        {
            throw new RegistryException(ErrorCodes.Registries.NuGetFeedFailed,
                $"'{Source}' could not be read: {Redact(e.Message)}. Check the source and the credential configured for it.", e);
        }
    }

    private async Task<T> GetResourceAsync<T>(CancellationToken cancellationToken) where T : class, INuGetResource
    {
        try
        {
            return await repository.GetResourceAsync<T>(cancellationToken).ConfigureAwait(false)
                ?? throw new RegistryException(ErrorCodes.Registries.NuGetFeedFailed,
                    $"'{Source}' is not a NuGet feed this client can use: give a V3 feed URL (…/index.json) or a folder.");
        }
        catch (Exception e) when (e is FatalProtocolException or HttpRequestException)
        {
            throw new RegistryException(ErrorCodes.Registries.NuGetFeedFailed,
                $"'{Source}' could not be reached as a NuGet feed: {Redact(e.Message)}. Check the source URL and its credential.", e);
        }
    }

    private string Redact(string message) => apiKey is { Length: > 0 } key ? message.Replace(key, "***", StringComparison.Ordinal) : message;

    private static SourceCacheContext NewCache() => new() { NoCache = true, DirectDownload = true };

    private static PackageIdentity ReadIdentity(string nupkgPath)
    {
        try
        {
            using var reader = new PackageArchiveReader(nupkgPath);
            NuGetPackageEntries.EnsureInside(reader, nupkgPath);
            return reader.GetIdentity();
        }
        catch (Exception e) when (e is InvalidDataException or PackagingException or InvalidOperationException)
        {
            throw new RegistryException(ErrorCodes.Registries.InvalidNuGetPackage,
                $"'{nupkgPath}' is not a NuGet package (no readable .nuspec): rebuild it with dotnet pack.", e);
        }
    }

    private static async Task<string> Sha512OfAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToBase64String(await SHA512.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    private static PackageSourceCredential? ToSourceCredential(string source, RegistryCredential credential)
    {
        var (user, password) = credential switch
        {
            { UserName: { } u, Password: { } p } => (u, p),
            { BearerToken: { } token } => ("oauth2accesstoken", token),
            _ => (null, null),
        };
        return user is null || password is null
            ? null
            : PackageSourceCredential.FromUserInput(source, user, password, storePasswordInClearText: true, validAuthenticationTypesText: null);
    }
}
