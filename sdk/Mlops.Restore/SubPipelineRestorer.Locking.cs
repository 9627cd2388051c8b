using Mlops.Diagnostics;
using Mlops.Registries;
using NuGet.Versioning;

namespace Mlops.Restore;

public static partial class SubPipelineRestorer
{
    /// <summary>The lock entries that still hold (same range and registry), and a sentence per difference.</summary>
    private static (Dictionary<string, LockedSubPipeline> Matching, List<string> Changes) Compare(IReadOnlyList<RequestedSubPipeline> requested, LockFile? existing)
    {
        var matching = new Dictionary<string, LockedSubPipeline>(StringComparer.Ordinal);
        var changes = new List<string>();
        foreach (var reference in requested)
        {
            if (existing?.SubPipelines.GetValueOrDefault(reference.Name) is not { } entry)
            {
                changes.Add($"'{reference.Name}' (Version '{reference.RangeText}') is not in the lock file");
            }
            else if (!VersionRange.TryParse(entry.Requested, allowFloating: true, out var lockedRange) || !lockedRange.Equals(reference.Range))
            {
                changes.Add($"'{reference.Name}' has Version '{reference.RangeText}', the lock file '{entry.Requested}'");
            }
            else if (entry.Registry != reference.Registry.Key)
            {
                changes.Add($"'{reference.Name}' has Registry '{reference.Registry.Key}', the lock file '{entry.Registry}'");
            }
            else
            {
                matching[reference.Name] = entry;
            }
        }
        foreach (var name in existing?.SubPipelines.Keys.Where(n => !requested.Any(r => r.Name == n)) ?? [])
        {
            changes.Add($"'{name}' is in the lock file but no longer referenced");
        }
        return (matching, changes);
    }

    private static ContentDigest ParseDigest(string text, string lockPath) =>
        ContentDigest.TryParse(text, out var digest) ? digest
        : throw RestoreException.Error(ErrorCodes.Restore.LockFileInvalid, $"The lock file '{lockPath}' has digest '{text}', which is not 'sha256:' and 64 hexadecimal digits. Delete the file and run dotnet restore.", lockPath);
}
