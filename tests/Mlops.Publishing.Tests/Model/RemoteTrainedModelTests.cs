using System.Security.Cryptography;
using Mlops.Backends;
using Mlops.Diagnostics;
using Mlops.Packaging;
using Mlops.Pipelines.Compiler;
using Mlops.Publishing.Model;
using Mlops.Publishing.Tests.Promotion;
using Mlops.Runner.Store;
using Mlops.Testing;

namespace Mlops.Publishing.Tests.Model;

/// <summary>The model of a remote run: read from the runner, downloaded from the store, its lineage on the model card.</summary>
public sealed class RemoteTrainedModelTests : IDisposable
{
    private const string Job = "projects/acme-dataops/locations/europe-west1/pipelineJobs/team-training-20260314";
    private const string ModelUri = "gs://acme-dataops-pipelines/root/team-training-20260314/train_-42/model";
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private static readonly string Digest = "sha256:" + new string('c', 64);
    private static readonly DateTimeOffset Ended = new(2026, 3, 14, 16, 0, 0, TimeSpan.Zero);

    private readonly TempFolder work = new("mlops-remote-model-");
    private readonly InMemoryArtifactStore store = new();
    private readonly byte[] model = RandomNumberGenerator.GetBytes(4096);

    public RemoteTrainedModelTests()
    {
        Directory.CreateDirectory(Pipelines);
        var compiled = PipelineCompiler.Compile(new TeamTraining(), new CompileOptions { SdkVersion = "test" }).EnsureSuccess();
        File.WriteAllText(Path.Combine(Pipelines, compiled.Name + ".yaml"), compiled.ToYaml());
        store.Objects[ModelUri] = model;
    }

    public void Dispose() => work.Dispose();

    private string Pipelines => work.File("pipelines");

    private static PipelineRunStatus Succeeded() => new(Job, "team-training", PipelineRunState.Succeeded, Ended.AddHours(-1))
    {
        Started = Ended.AddMinutes(-50),
        Ended = Ended,
        OutputArtifacts = new Dictionary<string, string> { ["model"] = ModelUri },
        TemplateUri = $"https://europe-west1-kfp.pkg.dev/acme-dataops/pipelines/team-training/{Digest}",
        TemplateDigest = Digest,
        Labels = new Dictionary<string, string> { [RemoteTrainedModel.SourceCommitLabel] = Commit, [RemoteTrainedModel.VersionLabel] = "1-4-0" },
    };

    private Task<TrainedModel> FindAsync(string from, params PipelineRunStatus[] runs) =>
        RemoteTrainedModel.FindAsync(from, new InMemoryPipelineBackend("vertex", runs), store, Pipelines, work.File("downloads"));

    [Fact]
    public async Task A_succeeded_jobs_model_output_is_downloaded_and_named_by_the_job()
    {
        var trained = await FindAsync(Job, Succeeded());

        Assert.Equal(model, File.ReadAllBytes(trained.Path));
        Assert.StartsWith(work.File("downloads", "team-training-20260314"), trained.Path);
        Assert.Equal(Job, trained.RunId);
        Assert.Equal("team-training", trained.Pipeline);
        Assert.Equal(Ended, trained.TrainedAt);
        Assert.Equal(new RemoteLineage("vertex", ModelUri, InMemoryArtifactStore.Generation)
        {
            TemplateUri = Succeeded().TemplateUri, TemplateDigest = Digest, SourceCommit = Commit, Version = "1-4-0",
        }, trained.Remote);
    }

    [Fact]
    public async Task The_model_card_names_the_job_the_template_digest_and_the_runs_source_commit()
    {
        var trained = await FindAsync(Job, Succeeded());

        var packages = ModelPackages.Build(trained, "Team.Model", "1.4.0", "ffffffffffffffffffffffffffffffffffffffff", "team", work.File("out"), withNuGet: false);

        var card = ModelCard.Parse(packages.Card.ToJson());
        Assert.Equal(Job, card.RunId);
        Assert.Equal(Digest, card.TemplateDigest);
        Assert.Equal(Succeeded().TemplateUri, card.TemplateUri);
        Assert.Equal(Commit, card.SourceCommit);
        Assert.Equal("1-4-0", card.PipelineVersion);
        Assert.Equal(ModelUri, card.ModelUri);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(model)), card.ModelSha256);
    }

    [Fact]
    public void A_local_models_provenance_is_what_it_was()
    {
        var local = new TrainedModel("model.pkl", "team-training", "20260314-150926-a1b2c3", [], Ended);

        Assert.Equal(new ModelProvenance("team-training", "1.4.0", "20260314-150926-a1b2c3", Commit), ModelPackages.ProvenanceOf(local, "1.4.0", Commit));
    }

    [Fact]
    public async Task A_failed_job_gives_MLOPS6071_with_its_state_and_error()
    {
        var failed = Succeeded() with { State = PipelineRunState.Failed, Error = "The DAG failed because some tasks failed: train (exit code 1)." };

        var error = await Assert.ThrowsAsync<MlopsException>(() => FindAsync(Job, failed));

        Assert.Equal(ErrorCodes.Storage.RemoteRunNotSucceeded, error.Code);
        Assert.Contains("failed", error.Message);
        Assert.Contains("train (exit code 1)", error.Message);
    }

    [Fact]
    public async Task A_running_job_gives_MLOPS6071_saying_to_wait()
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() => FindAsync(Job, Succeeded() with { State = PipelineRunState.Running }));

        Assert.Equal(ErrorCodes.Storage.RemoteRunNotSucceeded, error.Code);
        Assert.Contains("wait", error.Message);
    }

    [Fact]
    public async Task An_unknown_job_gives_MLOPS6070()
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() => FindAsync(Job + "-other", Succeeded()));

        Assert.Equal(ErrorCodes.Storage.RemoteRunNotFound, error.Code);
    }

    [Fact]
    public async Task A_job_without_the_model_output_gives_MLOPS6072_listing_what_it_has()
    {
        var run = Succeeded() with { OutputArtifacts = new Dictionary<string, string> { ["metrics"] = "gs://b/m" } };

        var error = await Assert.ThrowsAsync<MlopsException>(() => FindAsync(Job, run));

        Assert.Equal(ErrorCodes.Storage.RemoteRunHasNoModel, error.Code);
        Assert.Contains("'model'", error.Message);
        Assert.Contains("metrics", error.Message);
    }

    [Fact]
    public async Task A_run_of_another_pipeline_gives_MLOPS6072()
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() => FindAsync(Job, Succeeded() with { Pipeline = "team-scoring" }));

        Assert.Equal(ErrorCodes.Storage.RemoteRunHasNoModel, error.Code);
    }

    [Fact]
    public async Task A_model_artifact_outside_cloud_storage_gives_MLOPS6073()
    {
        var run = Succeeded() with { OutputArtifacts = new Dictionary<string, string> { ["model"] = "minio://mlpipeline/v2/artifacts/model" } };

        var error = await Assert.ThrowsAsync<MlopsException>(() => FindAsync(Job, run));

        Assert.Equal(ErrorCodes.Storage.RemoteArtifactUnsupported, error.Code);
    }

    [Fact]
    public async Task A_bare_gs_uri_is_downloaded_as_the_model_with_the_uri_as_its_run()
    {
        var backend = new InMemoryPipelineBackend("vertex");

        var trained = await RemoteTrainedModel.FindAsync(ModelUri, backend, store, Pipelines, work.File("downloads"));

        Assert.Equal(model, File.ReadAllBytes(trained.Path));
        Assert.Equal(ModelUri, trained.RunId);
        Assert.Equal(ModelUri, trained.Remote!.ModelUri);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 15, 9, 26, TimeSpan.Zero), trained.TrainedAt);
        Assert.Empty(backend.Asked);
    }

    private const string KfpRun = "5b0c7e3a-2f4d-4c1e-9a8b-0d6e1f2a3b4c";
    private const string TaskFolder = "gs://acme-dataops-pipelines/root/team-training/" + KfpRun + "/train/";

    private static PipelineRunStatus KfpSucceeded(bool notRun = false) => Succeeded() with
    {
        RunId = KfpRun,
        OutputArtifacts = new Dictionary<string, string>(),
        OutputArtifactLocations = new Dictionary<string, PipelineOutputLocation> { ["model"] = new("train", "model", TaskFolder) { NotRun = notRun } },
    };

    private Task<TrainedModel> FindOnKfpAsync(PipelineRunStatus run) =>
        RemoteTrainedModel.FindAsync(KfpRun, new InMemoryPipelineBackend("kfp", run), store, Pipelines, work.File("downloads"));

    [Fact]
    public async Task A_kfp_runs_model_is_found_in_its_training_tasks_folder_by_the_output_key()
    {
        var uri = TaskFolder + "0f4e3a1c-8b2d-4e6f-a7c9-1d2e3f4a5b6c/model";
        store.Objects[uri] = model;
        store.Objects[TaskFolder + "0f4e3a1c-8b2d-4e6f-a7c9-1d2e3f4a5b6c/executor-logs"] = [1];

        var trained = await FindOnKfpAsync(KfpSucceeded());

        Assert.Equal(model, File.ReadAllBytes(trained.Path));
        Assert.Equal(KfpRun, trained.RunId);
        Assert.Equal(new RemoteLineage("kfp", uri, InMemoryArtifactStore.Generation)
        {
            TemplateUri = Succeeded().TemplateUri, TemplateDigest = Digest, SourceCommit = Commit, Version = "1-4-0",
        }, trained.Remote);
    }

    [Fact]
    public async Task A_kfp_training_task_taken_from_the_cache_gives_MLOPS6074()
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() => FindOnKfpAsync(KfpSucceeded(notRun: true)));

        Assert.Equal(ErrorCodes.Storage.ModelTaskDidNotRun, error.Code);
        Assert.Contains("cached", error.Message);
        Assert.Contains("gs://", error.Message);
    }

    [Fact]
    public async Task A_kfp_training_task_that_wrote_its_model_twice_gives_MLOPS6075_naming_both()
    {
        store.Objects[TaskFolder + "aaaa/model"] = model;
        store.Objects[TaskFolder + "bbbb/model/part-0"] = model;

        var error = await Assert.ThrowsAsync<MlopsException>(() => FindOnKfpAsync(KfpSucceeded()));

        Assert.Equal(ErrorCodes.Storage.AmbiguousRunArtifact, error.Code);
        Assert.Contains(TaskFolder + "aaaa/model", error.Message);
        Assert.Contains(TaskFolder + "bbbb/model", error.Message);
    }

    [Fact]
    public async Task A_kfp_run_whose_model_is_not_in_its_task_folder_gives_MLOPS6061()
    {
        store.Objects[TaskFolder + "aaaa/metrics"] = model;

        var error = await Assert.ThrowsAsync<MlopsException>(() => FindOnKfpAsync(KfpSucceeded()));

        Assert.Equal(ErrorCodes.Storage.ObjectNotFound, error.Code);
        Assert.Contains(TaskFolder, error.Message);
    }

    [Fact]
    public async Task A_kfp_run_without_a_pipeline_root_gives_MLOPS6072_saying_to_set_one()
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() =>
            FindOnKfpAsync(KfpSucceeded() with { OutputArtifactLocations = new Dictionary<string, PipelineOutputLocation>() }));

        Assert.Equal(ErrorCodes.Storage.RemoteRunHasNoModel, error.Code);
        Assert.Contains("runner.pipelineRoot", error.Message);
    }

    [Theory]
    [InlineData(Job, true)]
    [InlineData(ModelUri, true)]
    [InlineData("latest", false)]
    [InlineData("20260314-150926-a1b2c3", false)]
    [InlineData("5b0c7e3a-2f4d-4c1e-9a8b-0d6e1f2a3b4c", true)]
    [InlineData("5b0c7e3a2f4d4c1e9a8b0d6e1f2a3b4c", false)]
    public void IsRemote_tells_a_job_name_or_uri_from_a_local_run(string from, bool remote) =>
        Assert.Equal(remote, RemoteTrainedModel.IsRemote(from));

    [Fact]
    public void The_local_path_still_refuses_a_uri_with_MLOPS2022()
    {
        var error = Assert.Throws<MlopsException>(() => TrainedModel.Find(Pipelines, MlopsHome.At(work.File("home")), ModelUri, null));

        Assert.Equal(ErrorCodes.Host.RemoteModelUnsupported, error.Code);
    }
}
