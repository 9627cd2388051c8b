using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Diagnostics;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>
/// MLOPS1040: a component's image is neither a component image this project declares (a short name such as
/// <c>train</c>, mapped by <see cref="CompileOptions.Images"/>) nor a full reference with a tag or digest.
/// </summary>
public sealed class ImageTests
{
    public sealed class UsesImage : ContainerComponent
    {
        public string Image { get; init; } = "";

        protected override Container Container => new(Image, ["python3", "train.py"]);
    }

    public sealed class RunsImage : RecordingPipeline
    {
        public string Image { get; init; } = "";

        protected override void Build()
        {
            At = Line(); Run(new UsesImage { Image = Image });
        }
    }

    private static readonly CompileOptions Declared = new()
    {
        SdkVersion = "mlops-sdk-test",
        Images = new Dictionary<string, string> { ["train"] = "reg/x/train:1", ["prepare"] = "reg/x/prepare:1" },
    };

    [Fact]
    public void An_undeclared_short_name_is_reported_at_the_Run()
    {
        var pipeline = new RunsImage { Image = "train" };
        var diagnostic = Single(pipeline.Diagnostics(), ErrorCodes.Pipelines.UndeclaredImage, pipeline.At);
        Assert.Contains("UsesImage uses image 'train', which is neither a component of this project (this project declares no component images)", diagnostic.Message);
        Assert.Contains("Add components/train/Dockerfile, or write the full reference", diagnostic.Message);
    }

    [Fact]
    public void An_undeclared_short_name_lists_the_declared_ones()
    {
        var pipeline = new RunsImage { Image = "trian" };
        var diagnostic = Single(pipeline.Diagnostics(Declared), ErrorCodes.Pipelines.UndeclaredImage, pipeline.At);
        Assert.Contains("this project's components are 'prepare', 'train'", diagnostic.Message);
    }

    [Theory]
    [InlineData("train", "reg/x/train:1")]
    [InlineData("python:3.11", "python:3.11")]
    [InlineData("europe-docker.pkg.dev/ml/churn/train:1.4.2", "europe-docker.pkg.dev/ml/churn/train:1.4.2")]
    [InlineData("localhost:5000/churn/train@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "localhost:5000/churn/train@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void A_declared_name_or_a_full_reference_compiles(string image, string written)
    {
        var compiled = Clean(new RunsImage { Image = image }, Declared);
        Assert.Equal(written, Assert.Single(compiled.Spec.DeploymentSpec.Executors).Value.Container!.Image);
    }

    [Theory]
    [InlineData("ubuntu")]
    [InlineData("localhost:5000/churn/train")]
    [InlineData("Python:3.11")]
    public void A_reference_without_a_tag_or_with_bad_characters_is_reported(string image)
    {
        var pipeline = new RunsImage { Image = image };
        var diagnostic = Single(pipeline.Diagnostics(Declared), ErrorCodes.Pipelines.UndeclaredImage, pipeline.At);
        Assert.Contains($"'{image}'", diagnostic.Message);
    }
}
