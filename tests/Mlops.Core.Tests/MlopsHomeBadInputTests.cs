using Mlops.Diagnostics;

namespace Mlops.Core.Tests;

/// <summary>
/// The bad-input rows of <c>MLOPS_HOME</c> (issue 11, item 9): a home that is a file, lies under a file, or is not a
/// path is MLOPS2051 saying to point it at a folder, never a crash where its first folder is created.
/// </summary>
public sealed class MlopsHomeBadInputTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mlops-home-bad-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string File(string name)
    {
        var path = Path.Combine(folder, name);
        System.IO.File.WriteAllText(path, "not a folder");
        return path;
    }

    public static TheoryData<string, string> Homes() => new()
    {
        { "a file", "which is a file, not a folder" },
        { "a folder under a file", "which lies under the file" },
        { "two folders under a file", "which lies under the file" },
    };

    [Theory]
    [MemberData(nameof(Homes))]
    public void A_home_in_the_way_of_a_file_is_MLOPS2051(string name, string why)
    {
        var file = File("home.txt");
        var root = name switch
        {
            "a file" => file,
            "a folder under a file" => Path.Combine(file, "mlops"),
            _ => Path.Combine(file, "a", "b"),
        };

        var error = Assert.Throws<MlopsException>(() => MlopsHome.At(root));

        Assert.Equal(ErrorCodes.Host.HomeNotAFolder, error.Code);
        Assert.Contains(why, error.Message);
        Assert.Contains("point MLOPS_HOME at a folder", error.Message);
        Assert.Contains(root, error.Message);
        Assert.DoesNotContain("   at ", error.Message);
    }

    [Fact]
    public void A_home_that_is_not_a_path_is_MLOPS2051()
    {
        var error = Assert.Throws<MlopsException>(() => new MlopsHome("bad\0home"));

        Assert.Equal(ErrorCodes.Host.HomeNotAFolder, error.Code);
        Assert.Contains("which is not a path", error.Message);
        Assert.Contains("bad\\0home", error.Message);
    }

    [Fact]
    public void A_missing_home_under_a_folder_is_fine()
    {
        var root = Path.Combine(folder, "not", "yet");

        Assert.Equal(root, MlopsHome.At(root).Root);
    }
}
