using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>
/// MLOPS1050-1054: an IR file (a component or a pipeline compiled by KFP or Mlops.Sdk) that cannot be loaded. The
/// loader throws a <see cref="PipelineException"/> whose diagnostic points at the file (and line, when known).
/// </summary>
public sealed class IrLoaderTests
{
    private static readonly string Valid = ScoreComponent.Yaml;

    private static Diagnostic Rejects(Action load)
    {
        var exception = Assert.Throws<PipelineException>(load);
        var diagnostic = Assert.Single(exception.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(diagnostic.ToCanonicalString(), exception.Message);
        return diagnostic;
    }

    private static int LineOf(string text, string line) =>
        text.Split('\n').Select((l, i) => (l, i)).Single(x => x.l == line).i + 1;

    [Fact]
    public void The_valid_file_loads()
    {
        Assert.Equal("score", IrFile.Parse(Valid, "score.yaml").Spec.PipelineInfo.Name);
        Assert.Equal("score", KfpComponent.Parse(Valid, "score.yaml").Name);
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "mlops-tests-missing", "churn-prediction.yaml");
        var diagnostic = Rejects(() => IrFile.Load(path));
        Assert.Equal(ErrorCodes.Pipelines.FileNotFound, diagnostic.Code);
        Assert.Equal(path, diagnostic.Location?.File);
        Assert.Contains($"The IR file '{path}' does not exist", diagnostic.Message);
        Assert.Equal(ErrorCodes.Pipelines.FileNotFound, Rejects(() => KfpComponent.Load(path)).Code);
    }

    [Fact]
    public void Invalid_yaml_is_reported_at_its_line()
    {
        var broken = Valid.Replace("pipelineInfo: {name: score}", "pipelineInfo: {name: score");
        var diagnostic = Rejects(() => IrFile.Parse(broken, "score.yaml"));
        Assert.Equal(ErrorCodes.Pipelines.InvalidYaml, diagnostic.Code);
        Assert.Equal("score.yaml", diagnostic.Location?.File);
        Assert.Equal(LineOf(broken, "pipelineInfo: {name: score"), diagnostic.Location?.Line);
        Assert.Contains("'score.yaml' is not valid YAML", diagnostic.Message);
    }

    [Fact]
    public void A_duplicate_key_in_a_file_on_disk_is_reported_at_its_line_in_that_file()
    {
        var broken = Valid.Replace("pipelineInfo: {name: score}", "pipelineInfo: {name: score}\npipelineInfo: {name: other}");
        var path = Path.Combine(Path.GetTempPath(), $"mlops-tests-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, broken);
        try
        {
            var diagnostic = Rejects(() => IrFile.Load(path));
            Assert.Equal(ErrorCodes.Pipelines.InvalidYaml, diagnostic.Code);
            Assert.Equal(path, diagnostic.Location?.File);
            Assert.Equal(LineOf(broken, "pipelineInfo: {name: other}"), diagnostic.Location?.Line);
            Assert.Contains("Duplicate key pipelineInfo", diagnostic.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("components_1", "'components_1'")]
    [InlineData("empty name", "a PipelineSpec needs pipelineInfo.name and root")]
    [InlineData("no root", "a PipelineSpec needs pipelineInfo.name and root")]
    [InlineData("a list", "it has no YAML mapping document")]
    public void A_yaml_file_that_is_not_a_pipeline_spec_is_reported(string @case, string message)
    {
        var text = @case switch
        {
            "components_1" => Valid + "\ncomponents_1: {}\n",
            "empty name" => Valid.Replace("pipelineInfo: {name: score}", "pipelineInfo: {name: ''}"),
            "no root" => "pipelineInfo: {name: score}\nschemaVersion: 2.1.0\n",
            _ => "- a\n- b\n",
        };
        var diagnostic = Rejects(() => IrFile.Parse(text, "score.yaml"));
        Assert.Equal(ErrorCodes.Pipelines.NotAnIrDocument, diagnostic.Code);
        Assert.Equal("score.yaml", diagnostic.Location?.File);
        Assert.Contains("'score.yaml' is not a KFP pipeline spec", diagnostic.Message);
        Assert.Contains(message, diagnostic.Message);
    }

    [Fact]
    public void An_older_schema_version_is_reported()
    {
        var diagnostic = Rejects(() => IrFile.Parse(Valid.Replace("schemaVersion: 2.1.0", "schemaVersion: 2.0.0"), "score.yaml"));
        Assert.Equal(ErrorCodes.Pipelines.UnsupportedSchemaVersion, diagnostic.Code);
        Assert.Equal("score.yaml", diagnostic.Location?.File);
        Assert.Contains("schemaVersion '2.0.0'; only 2.1.0 is supported", diagnostic.Message);
        Assert.Contains("Recompile it with KFP SDK 2.x", diagnostic.Message);
    }

    public sealed class LoadsInBuild : RecordingPipeline
    {
        public string Yaml { get; init; } = "";

        protected override void Build()
        {
            At = DiagnosticAssert.Line(); var component = Yaml.Length == 0 ? KfpComponent.Load("components/score/missing.yaml") : KfpComponent.Parse(Yaml, "score.yaml");
            Run(component);
        }
    }

    [Fact]
    public void A_missing_file_loaded_while_compiling_is_reported_at_the_Load_call()
    {
        var pipeline = new LoadsInBuild();
        var diagnostic = DiagnosticAssert.Single(pipeline.Diagnostics(), ErrorCodes.Pipelines.FileNotFound, pipeline.At);
        Assert.Contains("'components/score/missing.yaml' does not exist", diagnostic.Message);
    }

    [Fact]
    public void Invalid_yaml_loaded_while_compiling_is_reported_at_its_line_in_the_yaml()
    {
        var broken = Valid.Replace("pipelineInfo: {name: score}", "pipelineInfo: {name: score");
        var diagnostics = new LoadsInBuild { Yaml = broken }.Diagnostics();
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(ErrorCodes.Pipelines.InvalidYaml, diagnostic.Code);
        Assert.Equal(new SourceLocation("score.yaml", LineOf(broken, "pipelineInfo: {name: score"), diagnostic.Location!.Column), diagnostic.Location);
    }

    [Fact]
    public void A_component_whose_executor_cannot_run_as_a_task_is_reported()
    {
        var text = Valid[..Valid.IndexOf("    exec-score:", StringComparison.Ordinal)]
            + "    exec-score:\n      resolver: {outputArtifactQueries: {}}\n"
            + Valid[Valid.IndexOf("pipelineInfo:", StringComparison.Ordinal)..];
        var diagnostic = Rejects(() => KfpComponent.Parse(text, "score.yaml"));
        Assert.Equal(ErrorCodes.Pipelines.NotAComponent, diagnostic.Code);
        Assert.Equal("score.yaml", diagnostic.Location?.File);
        Assert.Contains("executor 'exec-score' is neither a container nor an importer", diagnostic.Message);
    }
}
