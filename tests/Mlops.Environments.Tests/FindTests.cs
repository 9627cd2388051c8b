namespace Mlops.Environments.Tests;

public sealed class FindTests
{
    [Fact]
    public void Find_walks_up_from_the_project_folder_to_the_nearest_file()
    {
        using var folder = new TempFolder();
        var project = Directory.CreateDirectory(folder.File("repo", "teams", "churn")).FullName;
        File.WriteAllText(folder.File("repo", EnvironmentsFile.FileName), "{}");

        Assert.Equal(folder.File("repo", EnvironmentsFile.FileName), EnvironmentsFile.Find(project));

        File.WriteAllText(folder.File("repo", "teams", EnvironmentsFile.FileName), "{}");
        Assert.Equal(folder.File("repo", "teams", EnvironmentsFile.FileName), EnvironmentsFile.Find(project));
    }

    [Fact]
    public void Find_stops_at_the_repository_root()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File(EnvironmentsFile.FileName), "{}");
        var project = Directory.CreateDirectory(folder.File("repo", "churn")).FullName;
        Directory.CreateDirectory(folder.File("repo", ".git"));

        Assert.Null(EnvironmentsFile.Find(project));

        File.WriteAllText(folder.File("repo", EnvironmentsFile.FileName), "{}");
        Assert.Equal(folder.File("repo", EnvironmentsFile.FileName), EnvironmentsFile.Find(project));
    }

    [Fact]
    public void Find_stops_at_a_worktree_s_git_file_too()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File(EnvironmentsFile.FileName), "{}");
        var project = Directory.CreateDirectory(folder.File("worktree", "churn")).FullName;
        File.WriteAllText(folder.File("worktree", ".git"), "gitdir: /elsewhere");

        Assert.Null(EnvironmentsFile.Find(project));
    }
}
