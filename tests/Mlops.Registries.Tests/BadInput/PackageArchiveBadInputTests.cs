using System.IO.Compression;
using System.Text;
using Mlops.Diagnostics;
using Mlops.Registries.Local;
using Mlops.Registries.Python;

namespace Mlops.Registries.Tests.BadInput;

/// <summary>
/// Wheels and NuGet packages with entries that would land outside the folder they are unpacked to ("zip slip"): an
/// absolute path, a '..' segment, a backslash, a drive letter. Neither is read, published or passed on (issue 11).
/// </summary>
public sealed class PackageArchiveBadInputTests : IDisposable
{
    private readonly TempFolder folder = new("mlops-archives-");

    public void Dispose() => folder.Dispose();

    public static TheoryData<string> UnsafeEntries => ["../../etc/cron.d/evil", "churn_model/../../x.py", "/etc/passwd", "C:/Windows/evil.dll", "churn_model\\..\\..\\x.py"];

    [Theory]
    [MemberData(nameof(UnsafeEntries))]
    public void A_wheel_with_an_entry_outside_its_folder_is_MLOPS3009_naming_it(string entry)
    {
        var wheel = Archive("churn_model-1.0.0-py3-none-any.whl",
            ("churn_model-1.0.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: churn_model\nVersion: 1.0.0\n"), (entry, "print('owned')"));

        var error = Assert.Throws<RegistryException>(() => WheelMetadata.Read(wheel));

        Assert.Equal(ErrorCodes.Registries.InvalidWheel, error.Code);
        Assert.Contains($"'{entry}'", error.Message);
        Assert.Contains("rebuild it", error.Message);
        Assert.DoesNotContain("   at ", error.Message);
    }

    [Theory]
    [MemberData(nameof(UnsafeEntries))]
    public async Task A_nupkg_with_an_entry_outside_its_folder_is_MLOPS3010_and_is_not_pushed(string entry)
    {
        var nupkg = Archive("Churn.Model.1.0.0.nupkg",
            ("Churn.Model.nuspec", """<?xml version="1.0"?><package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"><metadata><id>Churn.Model</id><version>1.0.0</version><authors>team</authors><description>d</description></metadata></package>"""),
            (entry, "owned"));
        var feed = new LocalNuGetFeed(folder.File("feed"));

        var error = await Assert.ThrowsAsync<RegistryException>(() => feed.PushAsync(nupkg));

        Assert.Equal(ErrorCodes.Registries.InvalidNuGetPackage, error.Code);
        Assert.Contains($"'{entry}'", error.Message);
        Assert.Contains("dotnet pack", error.Message);
        Assert.Empty(await feed.ListVersionsAsync("Churn.Model"));
    }

    [Theory]
    [InlineData("churn_model/model.pkl")]
    [InlineData("churn_model-1.0.0.dist-info/RECORD")]
    [InlineData("a..b/c")]
    public void Ordinary_entries_are_safe(string entry) => Assert.False(ArchiveEntryPaths.IsUnsafe(entry));

    private string Archive(string name, params (string Entry, string Content)[] entries)
    {
        var path = folder.File(name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, content) in entries)
        {
            using var stream = zip.CreateEntry(entry).Open();
            stream.Write(Encoding.UTF8.GetBytes(content));
        }
        return path;
    }
}
