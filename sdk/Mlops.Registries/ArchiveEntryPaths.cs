namespace Mlops.Registries;

/// <summary>
/// Whether a package archive's entry names stay inside the folder it is unpacked to: no absolute path, drive letter,
/// backslash or <c>..</c> segment (a "zip slip" entry). pip refuses to install a wheel with such an entry and NuGet
/// one such package, so a registry is never handed one, and one a registry hands us is not passed on.
/// </summary>
public static class ArchiveEntryPaths
{
    /// <summary>The first entry name that would land outside the unpacked folder; null when there is none.</summary>
    public static string? FirstUnsafe(IEnumerable<string> entryNames) => entryNames.FirstOrDefault(IsUnsafe);

    public static bool IsUnsafe(string name) =>
        name.StartsWith('/') || name.Contains('\\') || (name.Length >= 2 && name[1] == ':')
        || name.Split('/').Any(segment => segment == "..")
        || name.Any(char.IsControl);
}
