using Microsoft.Build.Utilities;
using Mlops.Sdk.Tasks;

namespace Mlops.Sdk.Tests.Tasks;

/// <summary>The command lines the tasks give their programs, from the targets' properties and items.</summary>
public sealed class CommandLineTests
{
    private const string FolderWithSpacesAndAmpersand = "/repos/team a&b/components/prepare data";

    private readonly RecordingBuildEngine engine = new();

    [Fact]
    public void Emit_names_the_program_the_output_folder_and_each_component_s_image()
    {
        var task = new EmitPipelines
        {
            BuildEngine = engine,
            DotnetHostPath = "dotnet",
            AssemblyPath = "/repos/my team/bin/Team.dll",
            OutputDirectory = "/repos/my team/bin/pipelines",
            Components = [Component("/repos/team/components/prepare", "prepare", "localhost/team/prepare:1.0.0"), Component("/repos/team/components/train", "train", "europe-docker.pkg.dev/p/train:1.0.0")],
        };

        Assert.Equal("\"/repos/my team/bin/Team.dll\" emit --output \"/repos/my team/bin/pipelines\" --image prepare=localhost/team/prepare:1.0.0 --image train=europe-docker.pkg.dev/p/train:1.0.0",
            task.CommandLineArguments);
    }

    [Fact]
    public void The_SDK_s_tool_gets_each_option_that_has_a_value_then_each_component_URI_escaped()
    {
        var task = new RunSdkTool
        {
            BuildEngine = engine,
            DotnetHostPath = "dotnet",
            ToolAssembly = "/sdk/tools/net10.0/Mlops.Sdk.Tool.dll",
            Command = "publish",
            Options = [Option("--environment", "local"), Option("--commit", ""), Option("--version", "1.0.0+abc")],
            Components = [Component(FolderWithSpacesAndAmpersand, "prepare", "localhost/team/prepare:1.0.0_abc")],
        };

        Assert.Equal("/sdk/tools/net10.0/Mlops.Sdk.Tool.dll publish --environment local --version 1.0.0+abc "
            + "--component \"name=prepare&image=localhost%2Fteam%2Fprepare%3A1.0.0_abc&folder=%2Frepos%2Fteam%20a%26b%2Fcomponents%2Fprepare%20data\"",
            task.CommandLineArguments);
    }

    [Fact]
    public void A_native_tool_runs_by_itself_not_on_the_dotnet_host()
    {
        var task = new RunSdkTool
        {
            BuildEngine = engine,
            DotnetHostPath = "/usr/share/dotnet/dotnet",
            ToolAssembly = "/sdk/tools/linux-x64/Mlops.Sdk.Tool",
            Command = "publish",
            Options = [Option("--environment", "local")],
        };

        Assert.Equal("/sdk/tools/linux-x64/Mlops.Sdk.Tool", task.FullPathToToolForTests);
        Assert.Equal("Mlops.Sdk.Tool", task.ToolNameForTests);
        Assert.Equal("publish --environment local", task.CommandLineArguments);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_component_folder_with_spaces_and_ampersands_reaches_the_program_as_one_argument_that_decodes_to_it(bool native)
    {
        Assert.False(OperatingSystem.IsWindows(), "The fake programs are shell scripts.");
        using var program = FakeProgram.EchoingArguments(native);
        var task = new RunSdkTool
        {
            BuildEngine = engine,
            // The native tool starts by itself: a host that does not exist shows it is not used.
            DotnetHostPath = native ? "/nonexistent/dotnet" : FakeProgram.Host,
            ToolAssembly = program.Path,
            Command = "publish",
            Options = [Option("--work", "/repos/team a&b/obj/mlops-publish")],
            Components = [Component(FolderWithSpacesAndAmpersand, "prepare", "localhost/team/prepare:1.0.0")],
        };

        Assert.True(task.Execute());

        var arguments = engine.Messages.Select(m => m.Message ?? "").Where(m => m.StartsWith("arg:", StringComparison.Ordinal)).Select(m => m[4..]).ToList();
        Assert.Equal(["--work", "/repos/team a&b/obj/mlops-publish", "--component", RunSdkTool.FormatComponent(Component(FolderWithSpacesAndAmpersand, "prepare", "localhost/team/prepare:1.0.0"))], arguments);
        var folder = arguments[3].Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == "folder")[1];
        Assert.Equal(FolderWithSpacesAndAmpersand, Uri.UnescapeDataString(folder));
    }

    [Fact]
    public void Restore_names_the_project_its_folders_the_references_and_the_switches_that_are_on()
    {
        var task = new RestoreSubPipelines
        {
            BuildEngine = engine,
            DotnetHostPath = "dotnet",
            ToolAssembly = "/sdk/tools/net10.0/Mlops.Sdk.Tool.dll",
            OutputDirectory = "/repos/agg/obj/mlops/subpipelines/",
            LockFile = "/repos/agg/mlops.lock.json",
            Home = "/home/me/.mlops/",
            Namespace = "Agg.SubPipelines",
            References = [Reference("churn-prediction", ("Version", "1.4.*")), Reference("ltv-prediction", ("Version", "[2.1.0, 3.0.0)"), ("Registry", "../team a&b/registries"), ("Alias", "Ltv"))],
            LockedMode = true,
            Offline = true,
        };

        Assert.Equal("/sdk/tools/net10.0/Mlops.Sdk.Tool.dll restore --project /repos/team/Team.csproj --output /repos/agg/obj/mlops/subpipelines "
            + "--lock-file /repos/agg/mlops.lock.json --home /home/me/.mlops --namespace Agg.SubPipelines "
            + "--reference \"name=churn-prediction&version=1.4.%2A\" "
            + "--reference \"name=ltv-prediction&version=%5B2.1.0%2C%203.0.0%29&registry=..%2Fteam%20a%26b%2Fregistries&alias=Ltv\" "
            + "--locked --offline",
            task.CommandLineArguments);
    }

    [Fact]
    public void Restore_leaves_out_what_the_tool_defaults()
    {
        var task = new RestoreSubPipelines { BuildEngine = engine, DotnetHostPath = "dotnet", ToolAssembly = "tool.dll", OutputDirectory = "out", ProjectFile = "/repos/agg/Agg.csproj" };

        Assert.Equal("tool.dll restore --project /repos/agg/Agg.csproj --output out", task.CommandLineArguments);
    }

    private static TaskItem Component(string folder, string name, string image) =>
        new(folder, new Dictionary<string, string> { ["Name"] = name, ["Image"] = image });

    private static TaskItem Option(string name, string value) => new(name, new Dictionary<string, string> { ["Value"] = value });

    private static TaskItem Reference(string name, params (string Key, string Value)[] metadata) =>
        new(name, metadata.ToDictionary(m => m.Key, m => m.Value));
}
