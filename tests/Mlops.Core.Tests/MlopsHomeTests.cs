namespace Mlops.Core.Tests;

public sealed class MlopsHomeTests
{
    [Fact]
    public void Its_folders_are_under_the_root()
    {
        var root = Path.Combine(Path.GetTempPath(), "mlops-home-test");
        var home = new MlopsHome(root);

        Assert.Equal(Path.Combine(root, "runs"), home.Runs);
        Assert.Equal(Path.Combine(root, "cache", "ir"), home.IrCache);
        Assert.Equal(Path.Combine(root, "registries"), home.Registries);
        Assert.Equal(Path.Combine(root, "registries", "components"), home.ComponentFolders);
    }

    [Fact]
    public void A_given_root_wins_over_the_default()
    {
        var root = Path.Combine(Path.GetTempPath(), "given-home");

        Assert.Equal(Path.GetFullPath(root), MlopsHome.At(root).Root);
        Assert.Equal(MlopsHome.Default().Root, MlopsHome.At(null).Root);
        Assert.Equal(MlopsHome.Default().Root, MlopsHome.At("").Root);
    }
}
