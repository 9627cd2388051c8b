using System.Text.Json.Nodes;
using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Graph;
using Mlops.Pipelines.Ir;
using Mlops.Pipelines.Tests.Support;

namespace Mlops.Pipelines.Tests.Conformance;

/// <summary>
/// Every corpus file loads as a component, and a pipeline that runs it twice keeps every component, executor and
/// task of the original (each copy inlined or run under unique names), which is what composition relies on.
/// </summary>
public sealed class CorpusAsComponentTests
{
    [Theory]
    [MemberData(nameof(Corpus.Pipelines), MemberType = typeof(Corpus))]
    [MemberData(nameof(Corpus.Components), MemberType = typeof(Corpus))]
    public void Runs_twice_inside_a_pipeline_and_keeps_everything(string relativePath)
    {
        var path = Corpus.Resolve(relativePath);
        if (path is null)
        {
            return;
        }
        var original = IrFile.Load(path).Spec;
        var component = KfpComponent.Load(path);
        Assert.Equal(original.PipelineInfo.Name, component.Name);

        var compiled = PipelineCompiler.Compile(new TwiceRunner(component), new CompileOptions { SdkVersion = "mlops-sdk-test" });
        Assert.Empty(compiled.Diagnostics);
        var composed = IrFile.Parse(compiled.ToYaml(), "composed").Spec;
        IrInvariants.AssertHold(composed);

        var isGraph = component.Definition.Graph is not null;
        var originalComponents = original.Components?.Count ?? 0;
        var originalTasks = Tasks(original);
        var producers = component.Definition.Inputs.Count(i => !i.Value.IsOptional && i.Value.Type.IsArtifact);
        var expectedComponents = (isGraph ? 2 * originalComponents + 2 : 2) + producers;
        var expectedTasks = (isGraph ? 2 * originalTasks + 2 : 2) + producers;
        Assert.Equal(expectedComponents, composed.Components!.Count);
        Assert.Equal((isGraph ? 2 * original.DeploymentSpec.Executors.Count : 2) + producers, composed.DeploymentSpec.Executors.Count);
        Assert.Equal(expectedTasks, Tasks(composed));
    }

    private static int Tasks(PipelineSpec spec) =>
        (spec.Components ?? []).Values.Append(spec.Root).Sum(c => c.Dag?.Tasks?.Count ?? 0);

    /// <summary>
    /// Runs a loaded component twice, giving each required parameter a constant of its type and each required
    /// artifact the output of a producer task of that artifact type.
    /// </summary>
    private sealed class TwiceRunner(KfpComponent component) : Pipeline
    {
        protected override void Build()
        {
            var inputs = new Dictionary<string, ValueRef>();
            foreach (var (name, input) in component.Definition.Inputs.Where(i => !i.Value.IsOptional))
            {
                if (input.Type.ParameterType == ParameterType.TaskFinalStatus)
                {
                    continue;
                }
                inputs[name] = input.Type.IsArtifact
                    ? Run(Producer(input.Type), new Dictionary<string, ValueRef>()).Output("out")
                    : Constant(input.Type.ParameterType);
            }
            Run(component, inputs);
            Run(component, inputs);
        }

        private static ValueRef Constant(ParameterType type) => type switch
        {
            ParameterType.NumberInteger => 1L,
            ParameterType.NumberDouble => 1.5,
            ParameterType.Boolean => true,
            ParameterType.List => ValueRef.Constant(new[] { "x" }),
            ParameterType.Struct => ValueRef.Constant(new Dictionary<string, object> { ["k"] = "v" }),
            _ => "x",
        };

        private static KfpComponent Producer(IoType type) => KfpComponent.Parse($$$"""
            components:
              comp-produce:
                executorLabel: exec-produce
                outputDefinitions:
                  artifacts:
                    out:
                      artifactType: {schemaTitle: {{{type.SchemaTitle}}}, schemaVersion: {{{type.SchemaVersion}}}}
                      isArtifactList: {{{(type.IsArtifactList ? "true" : "false")}}}
            deploymentSpec:
              executors:
                exec-produce:
                  container: {image: 'busybox:1', command: [touch, "{{$.outputs.artifacts['out'].path}}"]}
            pipelineInfo: {name: produce}
            root:
              dag:
                tasks:
                  produce: {componentRef: {name: comp-produce}, taskInfo: {name: produce}}
            schemaVersion: 2.1.0
            """, "produce.yaml");
    }
}
