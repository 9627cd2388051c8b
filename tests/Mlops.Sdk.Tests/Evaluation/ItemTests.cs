namespace Mlops.Sdk.Tests.Evaluation;

/// <summary>The items the SDK finds by itself: components (a folder with a Dockerfile) and test projects.</summary>
public sealed class ItemTests
{
    [Fact]
    public void Component_folders_and_test_projects_are_found_and_kept_out_of_the_compilation()
    {
        using var project = WithComponentsAndTests("");

        var evaluated = project.Evaluate();

        Assert.Equal(["prepare", "train"], evaluated.GetItems("MlopsComponent").Select(i => Path.GetFileName(i.EvaluatedInclude.TrimEnd('/'))).Order());
        Assert.Equal([Path.Combine("tests", "Team.Tests", "Team.Tests.csproj")], evaluated.GetItems("MlopsTestProject").Select(i => i.EvaluatedInclude.Replace('/', Path.DirectorySeparatorChar)));
        Assert.Equal(["Pipeline.cs"], evaluated.GetItems("Compile").Select(i => i.EvaluatedInclude));
    }

    [Fact]
    public void The_default_items_can_be_turned_off()
    {
        using var project = WithComponentsAndTests("""
              <PropertyGroup>
                <EnableDefaultMlopsComponentItems>false</EnableDefaultMlopsComponentItems>
                <EnableDefaultMlopsTestProjectItems>false</EnableDefaultMlopsTestProjectItems>
              </PropertyGroup>
            """);

        var evaluated = project.Evaluate();

        Assert.Empty(evaluated.GetItems("MlopsComponent"));
        Assert.Empty(evaluated.GetItems("MlopsTestProject"));
    }

    private static SdkProject WithComponentsAndTests(string body)
    {
        var project = new SdkProject(body);
        project.Write("Pipeline.cs", "");
        project.Write("components/prepare/Dockerfile", "FROM python:3.11");
        project.Write("components/prepare/prepare.py", "");
        project.Write("components/train/Dockerfile", "FROM python:3.11");
        project.Write("components/notes/README.md", "no Dockerfile: not a component");
        project.Write("tests/Team.Tests/Team.Tests.csproj", "<Project />");
        project.Write("tests/Team.Tests/PipelineTests.cs", "");
        return project;
    }
}
