using GoogleHttpClientFactory = Google.Apis.Http.IHttpClientFactory;

namespace Mlops.Backends.Storage;

/// <summary>How <see cref="GcsArtifactStore"/> reaches Cloud Storage and how patiently it retries.</summary>
public sealed record GcsArtifactStoreOptions
{
    /// <summary>The JSON API's root (default Google's, <c>https://storage.googleapis.com/storage/v1/</c>); a loopback stand-in in tests.</summary>
    public Uri? BaseUri { get; init; }

    /// <summary>Where the client's requests go (default Google.Apis's own factory).</summary>
    public GoogleHttpClientFactory? HttpClientFactory { get; init; }

    /// <summary>Tries of each call (metadata, listing, each stretch of the download) before a transient failure is reported.</summary>
    public int Attempts { get; init; } = 6;

    /// <summary>The wait before try N+1 after try N failed (default 1 s doubling, at most 30 s).</summary>
    public Func<int, TimeSpan> Backoff { get; init; } = attempt => TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, attempt - 1)));
}
