using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Ir;
using Mlops.Pipelines.Tests.Samples;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>A pipeline that uses every authoring feature correctly gets no diagnostic, and compiles to the same bytes every time.</summary>
public sealed class ValidPipelineTests
{
    public sealed class Deploy : ContainerComponent
    {
        public required Input<Model> Model { get; init; }

        protected override Container Container => new("deploy", ["deploy", "--model", Model.Uri]);
    }

    [Pipeline("everything-valid", Description = "Uses every feature correctly.")]
    public sealed class EverythingValid : Pipeline
    {
        public Input<string> Table { get; init; } = "crm.customers";
        public Input<IReadOnlyList<string>> Regions { get; init; } = new List<string> { "eu", "us" };
        public Output<Model> Model { get; } = new();
        public Output<IReadOnlyList<string>> Said { get; } = new();

        protected override void Build()
        {
            var score = ScoreComponent.Load();
            var prep = Run(new Prepare { Table = Table, TestFraction = 0.3 });
            var train = Run(new Train { Data = prep.Outputs.Train, Epochs = 3 })
                .WithCpu("500m").WithMemory("4Gi").WithRetries(2, TimeSpan.FromSeconds(30)).WithCaching(false);
            var scored = Run(score, new Dictionary<string, ValueRef> { ["model"] = train.Outputs.Model, ["threshold"] = 1 });
            If(scored.Output("summary") == "ok", () => Run(new Deploy { Model = train.Outputs.Model }))
                .Else(() => Run(new Echo { Message = scored.Output("summary") }));
            ParallelFor(Regions, region => Run(new Echo { Message = region }));
            var shards = Run(new ListShards());
            Output<string>? said = null;
            ParallelFor<string>(shards.Outputs.Shards, shard => said = Run(new Echo { Message = shard }).Outputs.Said, parallelism: 2);
            ExitHandler(new Notify { Channel = "#ml" }, () => Run(new Echo { Message = Table }));
            SetOutput(Model, train.Outputs.Model);
            SetOutput(Said, Collected(said!));
        }
    }

    private static readonly CompileOptions WithDeployImage = new()
    {
        SdkVersion = "mlops-sdk-test",
        Images = new Dictionary<string, string> { ["deploy"] = "europe-docker.pkg.dev/ml/churn/deploy:1.4.2" },
    };

    [Fact]
    public void Compiles_without_diagnostics()
    {
        var compiled = Clean(new EverythingValid(), WithDeployImage);
        Assert.True(compiled.Succeeded);
        Assert.Equal("everything-valid", compiled.Name);
    }

    [Fact]
    public void Compiles_to_identical_yaml_every_time_and_loads_back()
    {
        var first = Clean(new EverythingValid(), WithDeployImage).ToYaml();
        var second = Clean(new EverythingValid(), WithDeployImage).ToYaml();
        Assert.Equal(first, second);
        Assert.Equal(first, IrFile.Parse(first, "everything-valid.yaml").ToYaml());
    }
}
