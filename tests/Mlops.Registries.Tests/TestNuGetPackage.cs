using NuGet.Packaging;
using NuGet.Versioning;

namespace Mlops.Registries.Tests;

/// <summary>Writes a small .nupkg whose one content file holds the given text.</summary>
internal static class TestNuGetPackage
{
    public static string Write(string folder, string id, string version, string content)
    {
        var builder = new PackageBuilder(deterministic: true)
        {
            Id = id,
            Version = NuGetVersion.Parse(version),
            Description = "A test package.",
        };
        builder.Authors.Add("tests");
        builder.Files.Add(new PhysicalPackageFile(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content))) { TargetPath = "content/value.txt" });
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{id}.{version}.nupkg");
        using var stream = File.Create(path);
        builder.Save(stream);
        return path;
    }
}
