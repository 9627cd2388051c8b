using System.Text.Json.Nodes;
using Mlops.Backends.Kfp;
using Mlops.Backends.Tests.Storage;

namespace Mlops.Backends.Tests.Kfp;

/// <summary>
/// Where a KFP run's outputs are: the loopback KFP API reports MLMD artifact ids only, as KFP does, and its succeeded
/// runs write their artifacts to the loopback Cloud Storage where KFP's driver places them; the backend names the
/// producing task's folder from the version's pipeline_spec and the run's pipeline root, and the store finds the
/// artifact there.
/// </summary>
public sealed class KfpOutputArtifactsContractTests
{
    private static readonly byte[] Greeting = "hello ada"u8.ToArray();

    [Fact]
    public async Task A_succeeded_run_says_which_task_folder_holds_each_output_and_the_store_finds_it_there()
    {
        await using var kfp = await KfpBackendFixture.StartAsync();
        await using var storage = await CloudStorageFixture.StartAsync();
        kfp.Server.WriteArtifactsTo(storage.Gcs, (task, key) => Greeting);
        var backend = kfp.Backend();

        var submitted = await backend.SubmitAsync(KfpBackendFixture.Request("greeting", KfpBackendFixture.GreetingIr));
        var ended = await KfpBackendFixture.FollowAsync(backend, submitted.RunId);

        Assert.Equal(PipelineRunState.Succeeded, ended.State);
        Assert.Empty(ended.OutputArtifacts);
        var location = Assert.Single(ended.OutputArtifactLocations);
        Assert.Equal("greeting", location.Key);
        Assert.Equal(new PipelineOutputLocation("greet", "greeting", $"{KfpBackendFixture.PipelineRoot}/greeting/{submitted.RunId}/greet/"), location.Value);
        var run = Assert.Single(kfp.Server.Runs);
        var reported = run["run_details"]!["task_details"]!.AsArray().Single(t => t!["display_name"]!.GetValue<string>() == "greet")!;
        Assert.NotNull(reported["outputs"]!["greeting"]!["artifact_ids"]);

        using var store = storage.Store();
        var written = Assert.Single(await store.ListAsync(location.Value.TaskFolderUri, 10));
        Assert.Matches($"^{location.Value.TaskFolderUri}[0-9a-f-]{{36}}/greeting$", written);
        var downloaded = await store.DownloadAsync(written, storage.Downloads);
        Assert.Equal(Greeting, await File.ReadAllBytesAsync(downloaded.Path));
    }

    [Fact]
    public async Task A_task_taken_from_the_cache_is_reported_as_not_run()
    {
        await using var kfp = await KfpBackendFixture.StartAsync();
        await using var storage = await CloudStorageFixture.StartAsync();
        kfp.Server.WriteArtifactsTo(storage.Gcs, (task, key) => Greeting);
        kfp.Server.CacheTask("greet");
        var backend = kfp.Backend();

        var submitted = await backend.SubmitAsync(KfpBackendFixture.Request("greeting", KfpBackendFixture.GreetingIr));
        var ended = await KfpBackendFixture.FollowAsync(backend, submitted.RunId);

        Assert.Equal(PipelineTaskState.Skipped, Assert.Single(ended.Tasks).State);
        Assert.True(ended.OutputArtifactLocations["greeting"].NotRun);
        var reported = Assert.Single(Assert.Single(kfp.Server.Runs)["run_details"]!["task_details"]!.AsArray())!;
        Assert.Empty(reported["outputs"]!.AsObject());
    }

    [Fact]
    public async Task A_run_that_has_not_succeeded_names_no_locations()
    {
        await using var kfp = await KfpBackendFixture.StartAsync();
        var backend = kfp.Backend();

        var submitted = await backend.SubmitAsync(KfpBackendFixture.Request("greeting", KfpBackendFixture.GreetingIr));
        var pending = await backend.GetAsync(submitted.RunId);

        Assert.NotEqual(PipelineRunState.Succeeded, pending!.State);
        Assert.Empty(pending.OutputArtifactLocations);
    }

    [Fact]
    public void An_output_selected_through_a_nested_dag_is_the_inner_container_tasks_and_the_roots_query_is_dropped()
    {
        var spec = JsonNode.Parse("""
            {
              "pipeline_spec": {
                "pipelineInfo": { "name": "churn-training" },
                "components": {
                  "comp-train-dag": { "dag": {
                    "tasks": { "fit": { "componentRef": { "name": "comp-fit" } } },
                    "outputs": { "artifacts": { "model": { "artifactSelectors": [ { "producerSubtask": "fit", "outputArtifactKey": "fitted" } ] } } } } },
                  "comp-fit": { "executorLabel": "exec-fit" }
                },
                "root": {
                  "dag": {
                    "tasks": { "train": { "componentRef": { "name": "comp-train-dag" } } },
                    "outputs": { "artifacts": { "model": { "artifactSelectors": [ { "producerSubtask": "train", "outputArtifactKey": "model" } ] } } }
                  },
                  "outputDefinitions": { "artifacts": { "model": { "artifactType": { "schemaTitle": "system.Model" } }, "orphan": {} } }
                }
              },
              "platform_spec": {}
            }
            """)!.AsObject();

        var locations = KfpOutputLocations.Of(spec, "gs://acme/root/?region=eu", "run-1", []);

        Assert.Equal(new PipelineOutputLocation("fit", "fitted", "gs://acme/root/churn-training/run-1/fit/"), Assert.Single(locations).Value);
    }
}
