using System.Runtime.CompilerServices;
using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Ir;
using Mlops.Pipelines.Tests.Samples;
using Mlops.Pipelines.Tests.Support;

namespace Mlops.Pipelines.Tests.Golden;

/// <summary>
/// One IR file per authoring feature, compared byte for byte with a reviewed file under Golden/expected/. After a
/// deliberate change to the output, regenerate with MLOPS_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public sealed class GoldenIrTests
{
    public static TheoryData<string> Cases() => new(Pipelines.Keys);

    private static readonly Dictionary<string, Func<Pipeline>> Pipelines = new()
    {
        ["churn-training"] = () => new ChurnTraining(),
        ["flip-coin"] = () => new FlipCoinPipeline(),
        ["fan-out-fan-in"] = () => new FanOutFanInPipeline(),
        ["dynamic-loop"] = () => new DynamicLoopPipeline(),
        ["with-exit-handler"] = () => new ExitHandlerPipeline(),
        ["task-options"] = () => new TaskOptionsPipeline(),
        ["nested"] = () => new NestedPipeline(),
        ["loaded-component"] = () => new LoadedComponentPipeline(),
        ["component-yaml"] = () => new ComponentYamlPipeline(),
    };

    private static readonly CompileOptions Options = new() { SdkVersion = "mlops-sdk-test" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compiles_to_the_reviewed_ir(string name)
    {
        var compiled = PipelineCompiler.Compile(Pipelines[name](), Options);
        Assert.Empty(compiled.Diagnostics);
        var actual = compiled.ToYaml();
        var path = Path.Combine(ExpectedFolder(), name + ".yaml");
        if (Environment.GetEnvironmentVariable("MLOPS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }
        Assert.True(File.Exists(path), $"{path} is missing; run the tests with MLOPS_UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Is_deterministic_and_loads_back(string name)
    {
        var first = PipelineCompiler.Compile(Pipelines[name](), Options).ToYaml();
        var second = PipelineCompiler.Compile(Pipelines[name](), Options).ToYaml();
        Assert.Equal(first, second);
        Assert.Equal(first, IrFile.Parse(first, name).ToYaml());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Keeps_the_invariants_of_kfp_compiled_files(string name)
    {
        var spec = PipelineCompiler.Compile(Pipelines[name](), Options).Spec;
        IrInvariants.AssertHold(spec);
    }

    private static string ExpectedFolder([CallerFilePath] string file = "") => Path.Combine(Path.GetDirectoryName(file)!, "expected");
}
