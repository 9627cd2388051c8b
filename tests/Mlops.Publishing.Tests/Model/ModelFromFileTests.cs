using System.Security.Cryptography;
using Mlops.Packaging;
using Mlops.Pipelines.Compiler;
using Mlops.Publishing.Model;
using Mlops.Publishing.Tests.Promotion;

namespace Mlops.Publishing.Tests.Model;

/// <summary>
/// <c>-p:ModelFrom=&lt;model file&gt;</c> (issue 11, item 5): a file made outside a run packs, its card naming the
/// project's training pipeline and <c>file:NAME</c> as the run, never an empty pipeline name or run id (MLOPS3107).
/// </summary>
public sealed class ModelFromFileTests : IDisposable
{
    private readonly TempFolder work = new("mlops-model-file-");
    private readonly byte[] model = RandomNumberGenerator.GetBytes(2048);

    public ModelFromFileTests()
    {
        Directory.CreateDirectory(Pipelines);
        var compiled = PipelineCompiler.Compile(new TeamTraining(), new CompileOptions { SdkVersion = "test" }).EnsureSuccess();
        File.WriteAllText(Path.Combine(Pipelines, compiled.Name + ".yaml"), compiled.ToYaml());
        File.WriteAllBytes(work.File("churn.pkl"), model);
    }

    public void Dispose() => work.Dispose();

    private string Pipelines => work.File("pipelines");

    [Fact]
    public void A_model_file_names_the_training_pipeline_and_the_file_as_its_run()
    {
        var trained = TrainedModel.Find(Pipelines, MlopsHome.At(work.File("home")), work.File("churn.pkl"), null);

        Assert.Equal("team-training", trained.Pipeline);
        Assert.Equal("file:churn.pkl", trained.RunId);
        Assert.Equal(work.File("churn.pkl"), trained.Path);
    }

    [Fact]
    public void A_model_file_packs_into_a_wheel_and_a_nupkg_whose_card_is_complete()
    {
        var trained = TrainedModel.Find(Pipelines, MlopsHome.At(work.File("home")), work.File("churn.pkl"), null);

        var packages = ModelPackages.Build(trained, "Team.Model", "1.4.0", new string('a', 40), "team", work.File("out"));

        var card = ModelCard.Parse(packages.Card.ToJson());
        Assert.Equal("team-training", card.PipelineName);
        Assert.Equal("file:churn.pkl", card.RunId);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(model)), card.ModelSha256);
        Assert.True(File.Exists(packages.Wheel.Path));
        Assert.True(File.Exists(packages.NuGet!.Path));
    }

    [Fact]
    public void A_model_file_of_a_named_training_pipeline_takes_that_pipeline()
    {
        var trained = TrainedModel.Find(Pipelines, MlopsHome.At(work.File("home")), work.File("churn.pkl"), "team-training");

        Assert.Equal("team-training", trained.Pipeline);
    }
}
