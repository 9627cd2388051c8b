using Mlops.Pipelines.Diagnostics;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>
/// MLOPS1044: a placeholder that does not fit its input or output in a component's Container (reported at the Run,
/// where the Container is read).
/// </summary>
public sealed class PlaceholderTests
{
    public sealed class PathOfParameter : ContainerComponent
    {
        public required Input<string> Table { get; init; }

        protected override Container Container => new("python:3.11", ["cat", Table.Path]);
    }

    public sealed class ArtifactAsValue : ContainerComponent
    {
        public required Input<Dataset> Data { get; init; }

        protected override Container Container => new("python:3.11", ["cat", Data]);
    }

    public sealed class FileOfArtifact : ContainerComponent
    {
        public Output<Model> Model { get; } = new();

        protected override Container Container => new("python:3.11", ["train", Model.File]);
    }

    public sealed class PathOfParameterOutput : ContainerComponent
    {
        public Output<double> F1 { get; } = new();

        protected override Container Container => new("python:3.11", ["eval", F1.Path]);
    }

    public sealed class Uses : RecordingPipeline
    {
        public string Case { get; init; } = "";

        protected override void Build()
        {
            var data = Run(new Samples.Prepare { Table = "t" }).Outputs.Train;
            switch (Case)
            {
                case nameof(PathOfParameter): At = Line(); Run(new PathOfParameter { Table = "t" }); break;
                case nameof(ArtifactAsValue): At = Line(); Run(new ArtifactAsValue { Data = data }); break;
                case nameof(FileOfArtifact): At = Line(); Run(new FileOfArtifact()); break;
                case nameof(PathOfParameterOutput): At = Line(); Run(new PathOfParameterOutput()); break;
            }
        }
    }

    [Theory]
    [InlineData(nameof(PathOfParameter), "PathOfParameter.Container: input 'table' is a parameter; .Path is only for artifact inputs")]
    [InlineData(nameof(ArtifactAsValue), "ArtifactAsValue.Container: input 'data' is an artifact; pass its .Path or .Uri")]
    [InlineData(nameof(FileOfArtifact), "FileOfArtifact.Container: output 'model' is an artifact; use .Path or .Uri")]
    [InlineData(nameof(PathOfParameterOutput), "PathOfParameterOutput.Container: output 'f1' is a parameter; use .File")]
    public void A_placeholder_that_does_not_fit_is_reported_at_the_Run(string component, string message)
    {
        var pipeline = new Uses { Case = component };
        var diagnostic = Single(pipeline.Diagnostics(), ErrorCodes.Pipelines.InvalidPlaceholderUse, pipeline.At);
        Assert.Contains(message, diagnostic.Message);
    }
}
