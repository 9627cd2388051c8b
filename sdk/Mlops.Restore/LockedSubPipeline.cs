namespace Mlops.Restore;

/// <summary>One sub-pipeline in <c>mlops.lock.json</c>: what was asked for and what restore pinned.</summary>
/// <param name="Requested">The reference's Version, as written in the project.</param>
/// <param name="Registry">The registry key: <c>local</c>, or the folder as written in the project.</param>
/// <param name="Resolved">The version tag picked, e.g. <c>1.4.2</c>.</param>
/// <param name="Digest"><c>sha256:HEX</c> of the IR file's bytes.</param>
/// <param name="Images">The <c>image</c> of each of the IR's container executors, distinct and ordered.</param>
public sealed record LockedSubPipeline(string Requested, string Registry, string Resolved, string Digest, IReadOnlyList<string> Images)
{
    public bool Equals(LockedSubPipeline? other) =>
        other is not null && Requested == other.Requested && Registry == other.Registry && Resolved == other.Resolved
        && Digest == other.Digest && Images.SequenceEqual(other.Images, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Requested, Registry, Resolved, Digest, Images.Count);
}
