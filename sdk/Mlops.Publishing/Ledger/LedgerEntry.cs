using System.Text.Json.Serialization;
using Mlops.Publishing.Release;

namespace Mlops.Publishing.Ledger;

/// <summary>
/// One record of an environment's release ledger: what was made live there (a publish, a promotion or a rollback),
/// the digests its registries reported, where the release came from, when, by whom, and its approval. Never a secret:
/// <see cref="PublishedBy"/> is a name, <see cref="Approval"/> who approved and where.
/// </summary>
public sealed record LedgerEntry
{
    public const string Publish = "publish";
    public const string Promotion = "promotion";
    public const string Rollback = "rollback";

    /// <summary><see cref="Publish"/>, <see cref="Promotion"/> or <see cref="Rollback"/>.</summary>
    public required string Kind { get; init; }

    public required string Version { get; init; }

    public SortedDictionary<string, string> Pipelines { get; init; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, string> Images { get; init; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, string> Wheels { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The environment the release was promoted from; null for a fresh publish.</summary>
    public string? SourceEnvironment { get; init; }

    /// <summary>The source commit the release was built from, when known.</summary>
    public string? SourceCommit { get; init; }

    /// <summary>The training run that made the model, when known.</summary>
    public string? TrainingRun { get; init; }

    /// <summary>For a rollback: the version that was live before.</summary>
    public string? RolledBackFrom { get; init; }

    public required DateTimeOffset PublishedAt { get; init; }

    public required string PublishedBy { get; init; }

    public LedgerApproval? Approval { get; init; }

    /// <summary>The digest of everything the release holds (<see cref="ReleaseDigest"/>), what an approval names.</summary>
    [JsonIgnore]
    public ContentDigest Digest => ReleaseDigest.Of(Pipelines, Images, Wheels);

    public static LedgerEntry Of(PublishedRelease release, string kind, DateTimeOffset at, string by) => new()
    {
        Kind = kind,
        Version = release.Version,
        Pipelines = new(release.Pipelines, StringComparer.Ordinal),
        Images = new(release.Images, StringComparer.Ordinal),
        Wheels = new(release.Wheels, StringComparer.Ordinal),
        PublishedAt = at,
        PublishedBy = by,
    };

    /// <summary>Whether both hold the same artifacts with the same digests (when, by whom and how do not count).</summary>
    public bool SameContentAs(LedgerEntry other) => Version == other.Version && Digest == other.Digest;
}
