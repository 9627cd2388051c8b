using System.Globalization;
using System.Text.Json.Nodes;

namespace Mlops.ContractServers.Vertex;

/// <summary>
/// A pipeline job as the server plays it: created QUEUED, then one step each time it is read: PENDING, RUNNING, then
/// the root DAG's tasks one at a time in dependency order (each RUNNING, then SUCCEEDED with its output artifacts at
/// <c>{gcsOutputDirectory}/{jobId}/{taskName}_{taskId}/{outputKey}</c>, or FAILED as a <see cref="TaskFailure"/> says),
/// then SUCCEEDED or FAILED. A cancel makes it CANCELLING, and the next read CANCELLED.
/// </summary>
internal sealed class SimulatedPipelineJob : IPipelineJob
{
    private readonly JsonObject job;
    private readonly List<string> order;
    private readonly IReadOnlyDictionary<string, TaskFailure> failures;
    private readonly Action<string, string, string> writeArtifact;
    private readonly List<JsonObject> details = [];
    private readonly long firstTaskId;
    private int next;

    /// <param name="writeArtifact">Stores an output's bytes: (gs:// URI, task name, output key).</param>
    public SimulatedPipelineJob(JsonObject job, string id, long firstTaskId, IReadOnlyDictionary<string, TaskFailure> failures, Action<string, string, string> writeArtifact)
    {
        this.job = job;
        Id = id;
        this.firstTaskId = firstTaskId;
        this.failures = failures;
        this.writeArtifact = writeArtifact;
        order = DependencyOrder(Tasks);
        job["state"] = "PIPELINE_STATE_QUEUED";
    }

    public string Id { get; }

    public string State => job["state"]!.GetValue<string>();

    public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;

    public bool HasEnded => State is "PIPELINE_STATE_SUCCEEDED" or "PIPELINE_STATE_FAILED" or "PIPELINE_STATE_CANCELLED";

    public JsonObject Json => (JsonObject)job.DeepClone();

    private JsonObject Tasks => job["pipelineSpec"]?["root"]?["dag"]?["tasks"] as JsonObject ?? [];

    /// <summary>One step forward; a job that ended stays as it is.</summary>
    public void Advance()
    {
        var now = Now();
        job["updateTime"] = now;
        switch (State)
        {
            case "PIPELINE_STATE_QUEUED":
                job["state"] = "PIPELINE_STATE_PENDING";
                return;
            case "PIPELINE_STATE_PENDING":
                job["state"] = "PIPELINE_STATE_RUNNING";
                job["startTime"] = now;
                details.Add(new JsonObject
                {
                    ["taskId"] = firstTaskId.ToString(CultureInfo.InvariantCulture),
                    ["taskName"] = job["pipelineSpec"]?["pipelineInfo"]?["name"]?.DeepClone(),
                    ["createTime"] = now, ["startTime"] = now, ["state"] = "RUNNING",
                });
                StartNext(now);
                break;
            case "PIPELINE_STATE_RUNNING":
                FinishCurrent(now);
                break;
            case "PIPELINE_STATE_CANCELLING":
                foreach (var detail in details.Where(d => d["state"]?.GetValue<string>() is "RUNNING" or "PENDING" or "CANCELLING"))
                {
                    detail["state"] = "CANCELLED";
                    detail["endTime"] = now;
                }
                End("PIPELINE_STATE_CANCELLED", now, new JsonObject { ["code"] = 1, ["message"] = "CANCELLED" });
                break;
        }
        job["jobDetail"] = new JsonObject { ["taskDetails"] = new JsonArray([.. details.Select(d => d.DeepClone())]) };
    }

    /// <summary>False when the job already ended.</summary>
    public bool Cancel()
    {
        if (HasEnded)
        {
            return false;
        }
        job["state"] = "PIPELINE_STATE_CANCELLING";
        job["updateTime"] = Now();
        return true;
    }

    private void StartNext(string now)
    {
        if (next >= order.Count)
        {
            details[0]["state"] = "SUCCEEDED";
            details[0]["endTime"] = now;
            End("PIPELINE_STATE_SUCCEEDED", now, null);
            return;
        }
        var name = order[next];
        details.Add(new JsonObject
        {
            ["taskId"] = (firstTaskId + next + 1).ToString(CultureInfo.InvariantCulture),
            ["parentTaskId"] = firstTaskId.ToString(CultureInfo.InvariantCulture),
            ["taskName"] = name,
            ["taskUniqueName"] = name,
            ["createTime"] = now, ["startTime"] = now, ["state"] = "RUNNING",
            ["executorDetail"] = new JsonObject
            {
                ["containerDetail"] = new JsonObject { ["mainJob"] = $"{Location}/customJobs/{firstTaskId + next + 1}" },
            },
        });
    }

    private void FinishCurrent(string now)
    {
        var detail = details[^1];
        var name = order[next];
        detail["endTime"] = now;
        if (failures.TryGetValue(name, out var failure))
        {
            detail["state"] = "FAILED";
            detail["error"] = new JsonObject { ["code"] = 9, ["message"] = failure.Message };
            details[0]["state"] = "FAILED";
            details[0]["endTime"] = now;
            End("PIPELINE_STATE_FAILED", now, new JsonObject
            {
                ["code"] = 9,
                ["message"] = $"The DAG failed because some tasks failed. The failed tasks are: [{name}].; Job (project_id = {Project}, job_id = {Id}) is failed due to the above error.",
            });
            return;
        }
        detail["state"] = "SUCCEEDED";
        detail["outputs"] = Outputs(name, detail["taskId"]!.GetValue<string>(), now);
        next++;
        StartNext(now);
    }

    private JsonObject Outputs(string task, string taskId, string now)
    {
        var root = job["runtimeConfig"]!["gcsOutputDirectory"]!.GetValue<string>().TrimEnd('/');
        var component = Tasks[task]?["componentRef"]?["name"]?.GetValue<string>();
        var outputs = new JsonObject();
        var index = 0;
        foreach (var (key, spec) in job["pipelineSpec"]?["components"]?[component ?? ""]?["outputDefinitions"]?["artifacts"] as JsonObject ?? [])
        {
            var uri = $"{root}/{Id}/{task}_{taskId}/{key}";
            writeArtifact(uri, task, key);
            outputs[key] = new JsonObject
            {
                ["artifacts"] = new JsonArray(new JsonObject
                {
                    ["name"] = $"{Location}/metadataStores/default/artifacts/{taskId}{index++}",
                    ["displayName"] = key,
                    ["uri"] = uri,
                    ["schemaTitle"] = spec?["artifactType"]?["schemaTitle"]?.DeepClone() ?? "system.Artifact",
                    ["schemaVersion"] = spec?["artifactType"]?["schemaVersion"]?.DeepClone() ?? "0.0.1",
                    ["state"] = "LIVE",
                    ["createTime"] = now,
                }),
            };
        }
        return outputs;
    }

    private void End(string state, string now, JsonObject? error)
    {
        job["state"] = state;
        job["endTime"] = now;
        if (error is not null)
        {
            job["error"] = error;
        }
    }

    private string Location => job["name"]!.GetValue<string>()[..job["name"]!.GetValue<string>().IndexOf("/pipelineJobs/", StringComparison.Ordinal)];

    private string Project => job["name"]!.GetValue<string>().Split('/')[1];

    /// <summary>The tasks in an order where each comes after those it depends on (dependentTasks, and producers of its inputs).</summary>
    private static List<string> DependencyOrder(JsonObject tasks)
    {
        var order = new List<string>();
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string name)
        {
            if (order.Contains(name) || !visiting.Add(name) || tasks[name] is not JsonObject task)
            {
                return;
            }
            foreach (var dependency in Dependencies(task).Order(StringComparer.Ordinal))
            {
                Visit(dependency);
            }
            order.Add(name);
        }
        foreach (var (name, _) in tasks.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            Visit(name);
        }
        return order;
    }

    private static IEnumerable<string> Dependencies(JsonObject task)
    {
        foreach (var dependency in task["dependentTasks"] as JsonArray ?? [])
        {
            if (dependency?.GetValue<string>() is { } name)
            {
                yield return name;
            }
        }
        foreach (var kind in (string[])["artifacts", "parameters"])
        {
            foreach (var (_, input) in task["inputs"]?[kind] as JsonObject ?? [])
            {
                if ((input?["taskOutputArtifact"] ?? input?["taskOutputParameter"])?["producerTask"]?.GetValue<string>() is { } producer)
                {
                    yield return producer;
                }
            }
        }
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
