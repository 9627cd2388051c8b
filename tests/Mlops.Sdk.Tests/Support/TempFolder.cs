namespace Mlops.Sdk.Tests.Support;

/// <summary>
/// A new empty folder outside the repository (so no Directory.Build.props of ours applies), deleted on dispose.
/// Also compiled into Mlops.Sdk.Tool.Tests.
/// </summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mlops-sdk-tests-" + Guid.NewGuid().ToString("N")[..12])).FullName;

    public string Path { get; }

    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string Write(string relativePath, string text)
    {
        var path = File(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
