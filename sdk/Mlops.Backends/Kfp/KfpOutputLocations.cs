using System.Text.Json.Nodes;

namespace Mlops.Backends.Kfp;

/// <summary>
/// Where a KFP run wrote its pipeline outputs' artifacts. KFP's REST API names MLMD artifact ids only, but its driver
/// places every output artifact of a container task at <c>{pipeline root}/{pipeline name}/{run id}/{task}/{salt}/{key}</c>
/// (backend/src/v2/metadata/client.go <c>GetPipeline</c>, backend/src/v2/driver/driver.go <c>provisionOutputs</c>,
/// the salt a UUID per execution; the query part of the root is not kept). The producing task is found by following
/// the pipeline spec's <c>dag.outputs.artifacts[…].artifactSelectors</c> down to a container task.
/// </summary>
internal static class KfpOutputLocations
{
    /// <summary>How deep nested DAGs are followed; a spec deeper than this (or with a cycle) names no location.</summary>
    private const int MaxDepth = 32;

    /// <param name="pipelineSpec">The version's <c>pipeline_spec</c>: the PipelineSpec, or <c>{pipeline_spec, platform_spec}</c>.</param>
    /// <param name="pipelineRoot">The run's pipeline root (<c>runtime_config.pipeline_root</c>).</param>
    /// <param name="tasks">The run's tasks, to tell a task that did not run (cached) from one that did.</param>
    public static IReadOnlyDictionary<string, PipelineOutputLocation> Of(JsonObject pipelineSpec, string pipelineRoot, string runId,
        IReadOnlyList<PipelineTaskStatus> tasks)
    {
        var spec = pipelineSpec["root"] is null && pipelineSpec["pipeline_spec"] is JsonObject inner ? inner : pipelineSpec;
        var locations = new Dictionary<string, PipelineOutputLocation>(StringComparer.Ordinal);
        if (KfpApiClient.Text(spec["pipelineInfo"]?["name"]) is not { Length: > 0 } pipeline || spec["root"] is not JsonObject root)
        {
            return locations;
        }
        var rootFolder = pipelineRoot.Split('?')[0].TrimEnd('/');
        foreach (var (output, _) in root["outputDefinitions"]?["artifacts"] as JsonObject ?? [])
        {
            if (Producer(spec, root["dag"] as JsonObject, output, 0) is var (task, key))
            {
                var state = tasks.FirstOrDefault(t => t.Name == task)?.State;
                locations[output] = new PipelineOutputLocation(task, key, $"{rootFolder}/{pipeline}/{runId}/{task}/")
                {
                    NotRun = state == PipelineTaskState.Skipped,
                };
            }
        }
        return locations;
    }

    /// <summary>The container task and output key that DAG output <paramref name="output"/> is selected from.</summary>
    private static (string Task, string Key)? Producer(JsonObject spec, JsonObject? dag, string output, int depth)
    {
        var selector = (dag?["outputs"]?["artifacts"]?[output]?["artifactSelectors"] as JsonArray)?.FirstOrDefault() as JsonObject;
        if (depth > MaxDepth || KfpApiClient.Text(selector?["producerSubtask"]) is not { Length: > 0 } task
            || KfpApiClient.Text(selector?["outputArtifactKey"]) is not { Length: > 0 } key)
        {
            return null;
        }
        var component = KfpApiClient.Text(dag?["tasks"]?[task]?["componentRef"]?["name"]);
        return component is not null && spec["components"]?[component]?["dag"] is JsonObject inner
            ? Producer(spec, inner, key, depth + 1)
            : (task, key);
    }
}
