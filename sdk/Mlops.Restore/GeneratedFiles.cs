namespace Mlops.Restore;

/// <summary>Writes files whole (temporary file, then rename) and only when their content changes, so unchanged outputs keep their timestamps.</summary>
internal static class GeneratedFiles
{
    public static bool WriteIfChanged(string path, byte[] content)
    {
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
        {
            return false;
        }
        Write(path, content);
        return true;
    }

    public static void Write(string path, byte[] content)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        // A leading dot keeps a temporary file out of the folder's listings (cache files and generated files never start with one).
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temp, content);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
