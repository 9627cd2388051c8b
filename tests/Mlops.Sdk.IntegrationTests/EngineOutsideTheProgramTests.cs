using System.Runtime.InteropServices;
using Mlops.Sdk.IntegrationTests.Infrastructure;

namespace Mlops.Sdk.IntegrationTests;

/// <summary>
/// The engine runs in the SDK's tool, from the facts MSBuild gives it, not in the team's program: run, pack and publish
/// find what the build made wherever the project's properties put it, and only a deliberate switch publishes.
/// </summary>
[Collection(ScaffoldedRepositoryCollection.Name)]
public sealed class EngineOutsideTheProgramTests(ScaffoldedRepositoryFixture repository, ITestOutputHelper output)
{
    [Fact]
    public async Task Run_pack_and_publish_honour_the_pipelines_output_path_and_uncopied_components()
    {
        var copy = repository.CopySources("elsewhere");
        var home = TestRun.NewDirectory("mlops-home");
        var environment = new Dictionary<string, string> { ["MLOPS_HOME"] = home };
        string[] properties = ["-p:MlopsPipelinesOutputPath=../elsewhere-ir/", "-p:MlopsCopyComponentsToOutput=false"];
        (await TestRun.Dotnet.BuildAsync(copy, output.WriteLine, properties)).EnsureSuccess();
        var ir = Path.Combine(Path.GetDirectoryName(copy)!, "elsewhere-ir");
        Assert.NotEmpty(Directory.GetFiles(ir, "*.yaml"));
        Assert.False(Directory.Exists(Path.Combine(copy, "bin", "Debug", "net10.0", "components")));
        var training = Path.GetFileNameWithoutExtension(Directory.GetFiles(ir, "*-training.yaml").Single());

        (await TestRun.Dotnet.RunAsync(copy, ["run", "--no-build", "--", "run", training], output.WriteLine, environment)).EnsureSuccess();
        var pack = (await TestRun.Dotnet.RunAsync(copy, ["pack", "-nologo", .. properties], output.WriteLine, environment)).EnsureSuccess();
        var publish = (await TestRun.Dotnet.RunAsync(copy, ["publish", "-nologo", "-p:Environment=local", .. properties], output.WriteLine, environment)).EnsureSuccess();

        Assert.Contains(".whl", pack.Output);
        Assert.Contains($"pipeline {training} 1.0.0", publish.Output);
        var components = Directory.GetDirectories(Path.Combine(home, "registries", "components"));
        Assert.NotEmpty(components);
        Assert.All(components, c => Assert.True(File.Exists(Path.Combine(c, "Dockerfile")), $"{c} has no Dockerfile"));
    }

    [Fact]
    public async Task The_package_s_native_tool_publishes_where_the_package_carries_one_and_the_portable_one_when_switched_off()
    {
        var native = Path.Combine(TestRun.NuGetPackages, "mlops.sdk", RepositoryLayout.Version, "tools", "linux-x64", "Mlops.Sdk.Tool");
        var portable = Path.Combine("tools", "net10.0", "Mlops.Sdk.Tool.dll");
        var home = TestRun.NewDirectory("mlops-home");
        var environment = new Dictionary<string, string> { ["MLOPS_HOME"] = home };

        var byDefault = (await TestRun.Dotnet.RunAsync(repository.Directory, ["publish", "-nologo", "-v:n", "-p:Environment=local"], output.WriteLine, environment)).EnsureSuccess();
        var switchedOff = (await TestRun.Dotnet.RunAsync(repository.Directory, ["publish", "-nologo", "-v:n", "-p:Environment=local", "-p:MlopsUseNativeSdkTool=false"], output.WriteLine, environment)).EnsureSuccess();

        // eng/build.sh packs the native tool on linux-x64 with a C compiler, unless told not to (MLOPS_BUILD_NATIVE_TOOL=false).
        var packsNative = OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64
            && Environment.GetEnvironmentVariable("MLOPS_BUILD_NATIVE_TOOL") != "false" && (OnPath("clang") || OnPath("gcc"));
        if (packsNative && !OperatingSystem.IsWindows())
        {
            Assert.True(File.Exists(native), $"{native} is not in the extracted SDK package");
            Assert.True(File.GetUnixFileMode(native).HasFlag(UnixFileMode.UserExecute), $"{native} is not executable");
            Assert.Contains($"{native} publish ", byDefault.Output);
            Assert.DoesNotContain($"{portable} publish ", byDefault.Output);
        }
        else
        {
            Assert.Contains($"{portable} publish ", byDefault.Output);
        }
        Assert.Contains($"{portable} publish ", switchedOff.Output);
        Assert.DoesNotContain($"{native} publish ", switchedOff.Output);
        var training = Path.GetFileNameWithoutExtension(Directory.GetFiles(repository.PipelinesDirectory, "*-training.yaml").Single());
        Assert.Contains($"pipeline {training} 1.0.0", byDefault.Output);
        Assert.Contains($"pipeline {training} 1.0.0", switchedOff.Output);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, program)));

    [Fact]
    public async Task An_environment_variable_alone_never_publishes()
    {
        var home = TestRun.NewDirectory("mlops-home");
        var environment = new Dictionary<string, string> { ["MLOPS_HOME"] = home, ["ENVIRONMENT"] = "local" };

        var publish = await TestRun.Dotnet.RunAsync(repository.Directory, ["publish", "-nologo"], output.WriteLine, environment);

        Assert.NotEqual(0, publish.ExitCode);
        Assert.Contains("error MLOPS0031", publish.Output);
        Assert.Contains("-p:Environment=local", publish.Output);
        Assert.False(Directory.Exists(Path.Combine(home, "registries")));
    }
}
