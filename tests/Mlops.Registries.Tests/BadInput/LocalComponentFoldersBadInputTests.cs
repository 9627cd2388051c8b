using Mlops.Diagnostics;
using Mlops.Registries.Local;

namespace Mlops.Registries.Tests.BadInput;

/// <summary>
/// A component folder the local environment published, then changed in place (issue 11, "Also": edited code ran
/// silently): a run's lookup and a republish of the version refuse it with MLOPS3014, which names the folder and says
/// to delete it and publish again; a copy left as published, or published before digests were recorded, is used.
/// </summary>
public sealed class LocalComponentFoldersBadInputTests : IDisposable
{
    private const string Image = "localhost/team/prepare:1.0.0";

    private readonly TempFolder folder = new("mlops-local-components-");

    public void Dispose() => folder.Dispose();

    private LocalComponentFolders Folders => new(folder.File("components"));

    private string Source()
    {
        var source = folder.File("src", "prepare");
        Directory.CreateDirectory(Path.Combine(source, "lib"));
        File.WriteAllText(Path.Combine(source, "prepare.py"), "print('prepare')\n");
        File.WriteAllText(Path.Combine(source, "lib", "util.py"), "X = 1\n");
        return source;
    }

    public static TheoryData<string> Edits => new() { "changed", "added", "removed", "renamed" };

    [Theory]
    [MemberData(nameof(Edits))]
    public void A_published_copy_edited_in_place_is_MLOPS3014_when_a_run_looks_it_up(string edit)
    {
        Folders.Publish(Image, Source());
        Edit(Folders.FolderOf(Image), edit);

        var error = Assert.Throws<MlopsException>(() => Folders.FoldersFor([Image]));

        Assert.Equal(ErrorCodes.Registries.LocalComponentAltered, error.Code);
        Assert.Contains($"copy of component {Image} ({Folders.FolderOf(Image)}) changed after it was published", error.Message);
        Assert.Contains("delete that folder and", error.Message);
        Assert.Contains("publish the version again (dotnet publish)", error.Message);
        Assert.DoesNotContain("   at ", error.Message);
    }

    [Fact]
    public async Task Republishing_the_version_over_an_edited_copy_is_MLOPS3014_not_a_silent_success()
    {
        var source = Source();
        var registry = new LocalImageRegistry(Folders);
        var component = new ComponentImage("prepare", source, ImageReference.Parse(Image));
        await registry.PushAsync(component);
        Edit(Folders.FolderOf(Image), "changed");

        var inspected = await Assert.ThrowsAsync<MlopsException>(() => registry.InspectAsync(component));
        var pushed = await Assert.ThrowsAsync<MlopsException>(() => registry.PushAsync(component));

        Assert.Equal(ErrorCodes.Registries.LocalComponentAltered, inspected.Code);
        Assert.Equal(ErrorCodes.Registries.LocalComponentAltered, pushed.Code);
    }

    [Fact]
    public void A_copy_as_published_and_one_published_before_digests_were_recorded_are_used()
    {
        var digest = Folders.Publish(Image, Source());
        Assert.Equal(Folders.FolderOf(Image), Folders.FoldersFor([Image])[Image]);
        Assert.Equal(digest, LocalComponentFolders.TreeDigest(Folders.FolderOf(Image)));

        File.Delete(Folders.FolderOf(Image) + ".sha256");
        Assert.Equal(Folders.FolderOf(Image), Folders.FoldersFor([Image])[Image]);
    }

    [Fact]
    public void A_cache_a_step_left_in_the_copy_is_not_an_edit()
    {
        Folders.Publish(Image, Source());
        var cache = Path.Combine(Folders.FolderOf(Image), "__pycache__");
        Directory.CreateDirectory(cache);
        File.WriteAllText(Path.Combine(cache, "prepare.cpython-312.pyc"), "bytecode");

        Assert.Single(Folders.FoldersFor([Image]));
    }

    private static void Edit(string copy, string edit)
    {
        switch (edit)
        {
            case "changed":
                File.WriteAllText(Path.Combine(copy, "prepare.py"), "print('not what was published')\n");
                break;
            case "added":
                File.WriteAllText(Path.Combine(copy, "extra.py"), "import os\n");
                break;
            case "removed":
                File.Delete(Path.Combine(copy, "lib", "util.py"));
                break;
            case "renamed":
                File.Move(Path.Combine(copy, "prepare.py"), Path.Combine(copy, "main.py"));
                break;
        }
    }
}
