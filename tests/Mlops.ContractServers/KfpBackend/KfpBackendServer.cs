using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Mlops.ContractServers.KfpBackend;

/// <summary>
/// The REST API v2beta1 of an open-source Kubeflow Pipelines backend (kubeflow/pipelines <c>backend/api/v2beta1</c>),
/// in memory, under <c>/apis/v2beta1/</c>:
/// <list type="bullet">
/// <item>pipelines: <c>POST pipelines/upload?name=</c> and <c>POST pipelines/upload_version?pipelineid=&amp;name=</c>
/// (multipart field <c>uploadfile</c>; 409 on a name taken), <c>GET pipelines[/{id}]</c>, <c>GET pipelines/names/{name}</c>,
/// <c>GET pipelines/{id}/versions[/{vid}]</c>;</item>
/// <item>runs: <c>POST runs</c>, <c>GET runs[/{id}]</c>, <c>POST runs/{id}:terminate</c>;</item>
/// <item>recurring runs: <c>POST recurringruns</c>, <c>GET recurringruns[/{id}]</c>, <c>POST …/{id}:enable|:disable</c>,
/// <c>DELETE recurringruns/{id}</c>.</item>
/// </list>
/// JSON is snake_case and a body with a field the proto does not have is refused with 400, as the gateway's
/// <c>DiscardUnknown: false</c> does. Lists take <c>page_size</c>, <c>page_token</c>, <c>sort_by</c> (<c>created_at desc</c>)
/// and a <c>filter</c> (EQUALS / IS_SUBSTRING on <c>name</c> or <c>display_name</c>). With <paramref name="token"/>
/// every request needs <c>Authorization: Bearer</c> it. A run moves one state each time it is read: PENDING, RUNNING,
/// then SUCCEEDED (or FAILED when a test made one of its tasks fail, <see cref="FailTask"/>); its task_details are the
/// root DAG's tasks; a terminated run is CANCELING, then CANCELED. It reports no artifact URIs, as KFP does not; a
/// version reports its pipeline_spec, and succeeded runs can write their artifacts to Cloud Storage (<see cref="WriteArtifactsTo"/>).
/// </summary>
public sealed class KfpBackendServer(string? token = null) : ContractServer
{
    public const string ApiPrefix = "/apis/v2beta1/";

    private static readonly ProtoJsonShape VersionReference = ProtoJsonShape.Of(("pipeline_id", null), ("pipeline_version_id", null));
    private static readonly ProtoJsonShape RuntimeConfig = ProtoJsonShape.Of(("parameters", null), ("pipeline_root", null));

    private static readonly ProtoJsonShape RunShape = ProtoJsonShape.Of(
        ("experiment_id", null), ("run_id", null), ("display_name", null), ("storage_state", null), ("description", null),
        ("pipeline_version_id", null), ("pipeline_spec", null), ("pipeline_version_reference", VersionReference),
        ("runtime_config", RuntimeConfig), ("service_account", null), ("created_at", null), ("scheduled_at", null),
        ("finished_at", null), ("state", null), ("error", null), ("run_details", null), ("recurring_run_id", null),
        ("state_history", null), ("plugins_input", null));

    private static readonly ProtoJsonShape Schedule = ProtoJsonShape.Of(("start_time", null), ("end_time", null), ("cron", null));
    private static readonly ProtoJsonShape Periodic = ProtoJsonShape.Of(("start_time", null), ("end_time", null), ("interval_second", null));

    private static readonly ProtoJsonShape RecurringRunShape = ProtoJsonShape.Of(
        ("recurring_run_id", null), ("display_name", null), ("description", null), ("pipeline_version_id", null),
        ("pipeline_spec", null), ("pipeline_version_reference", VersionReference), ("runtime_config", RuntimeConfig),
        ("service_account", null), ("max_concurrency", null),
        ("trigger", ProtoJsonShape.Of(("cron_schedule", Schedule), ("periodic_schedule", Periodic))),
        ("mode", null), ("created_at", null), ("updated_at", null), ("status", null), ("error", null), ("no_catchup", null),
        ("namespace", null), ("experiment_id", null));

    private readonly Lock gate = new();
    private readonly List<JsonObject> pipelines = [];
    private readonly List<StoredVersion> versions = [];
    private readonly List<StoredRun> runs = [];
    private readonly List<JsonObject> recurringRuns = [];
    private readonly Dictionary<string, string> failingTasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> answersToLose = new(StringComparer.Ordinal);
    private readonly List<(string Path, JsonObject Body)> bodies = [];
    private readonly HashSet<string> cachedTasks = new(StringComparer.Ordinal);
    private Storage.CloudStorageServer? artifactStore;
    private Func<string, string, byte[]>? artifactContent;
    private long clock;

    /// <summary>Every JSON body a create received, as sent (also those refused), by the path it was posted to (<c>runs</c>, <c>recurringruns</c>).</summary>
    public IReadOnlyList<(string Path, JsonObject Body)> Bodies { get { lock (gate) return [.. bodies.Select(b => (b.Path, (JsonObject)b.Body.DeepClone()))]; } }

    public IReadOnlyList<JsonObject> Pipelines { get { lock (gate) return [.. pipelines.Select(p => (JsonObject)p.DeepClone())]; } }

    /// <summary>Every pipeline version with the IR bytes it was uploaded with.</summary>
    public IReadOnlyList<(JsonObject Version, byte[] Ir)> Versions { get { lock (gate) return [.. versions.Select(v => ((JsonObject)v.Json.DeepClone(), v.Ir))]; } }

    public IReadOnlyList<JsonObject> Runs { get { lock (gate) return [.. runs.Select(r => (JsonObject)r.Json.DeepClone())]; } }

    public IReadOnlyList<JsonObject> RecurringRuns { get { lock (gate) return [.. recurringRuns.Select(r => (JsonObject)r.DeepClone())]; } }

    /// <summary>Runs created from now on fail in the task named <paramref name="task"/> with <paramref name="message"/>.</summary>
    public void FailTask(string task, string message)
    {
        lock (gate) failingTasks[task] = message;
    }

    /// <summary>
    /// Succeeded runs whose pipeline root is on Cloud Storage write their container tasks' output artifacts to
    /// <paramref name="storage"/>, where KFP's driver places them: <c>{root}/{pipeline}/{run id}/{task}/{uuid}/{key}</c>
    /// (backend/src/v2/driver/driver.go <c>provisionOutputs</c>), with <paramref name="content"/>(task, key) as the bytes;
    /// their task_details then name an artifact id per output, as KFP does (MLMD ids, no URIs).
    /// </summary>
    public void WriteArtifactsTo(Storage.CloudStorageServer storage, Func<string, string, byte[]> content)
    {
        lock (gate) (artifactStore, artifactContent) = (storage, content);
    }

    /// <summary>Runs created from now on take task <paramref name="task"/> from the cache: it is SKIPPED and writes nothing.</summary>
    public void CacheTask(string task)
    {
        lock (gate) cachedTasks.Add(task);
    }

    /// <summary>The next <paramref name="times"/> creates in <paramref name="collection"/> (<c>runs</c>, <c>recurringruns</c>) happen, then their connection is dropped before the answer.</summary>
    public void LoseCreateAnswer(string collection, int times = 1)
    {
        lock (gate) answersToLose[collection] = times;
    }

    /// <summary>The API root a client is given as its runner endpoint's base: <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Endpoint => BaseUri;

    protected override void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (token is not null && context.Request.Headers.Authorization.ToString() != "Bearer " + token)
            {
                await ErrorAsync(context, 401, 16, "Unauthenticated: the request has no valid bearer token (TokenReview failed).");
                return;
            }
            await next(context);
        });
        app.Run(DispatchAsync);
    }

    private async Task DispatchAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith(ApiPrefix, StringComparison.Ordinal))
        {
            await ErrorAsync(context, 404, 5, "Not Found");
            return;
        }
        var segments = path[ApiPrefix.Length..].Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var method = context.Request.Method;
        var get = HttpMethods.IsGet(method);
        var post = HttpMethods.IsPost(method);
        Task handled = segments switch
        {
            ["pipelines", "upload"] when post => UploadPipelineAsync(context),
            ["pipelines", "upload_version"] when post => UploadVersionAsync(context),
            ["pipelines"] when get => ListAsync(context, "pipelines", Snapshot(() => pipelines)),
            ["pipelines", "names", var name] when get => AnswerOrNotFoundAsync(context, Snapshot(() => pipelines.FirstOrDefault(p => Text(p, "name") == name)), $"pipeline named '{name}'"),
            ["pipelines", var id] when get => AnswerOrNotFoundAsync(context, Snapshot(() => pipelines.FirstOrDefault(p => Text(p, "pipeline_id") == id)), $"pipeline {id}"),
            ["pipelines", var id, "versions"] when get => ListAsync(context, "pipeline_versions", Snapshot(() => versions.Where(v => v.PipelineId == id).Select(v => v.Json).ToList())),
            ["pipelines", var id, "versions", var vid] when get => AnswerOrNotFoundAsync(context, Snapshot(() => versions.FirstOrDefault(v => v.PipelineId == id && v.Id == vid)?.Json), $"pipeline version {vid}"),
            ["runs"] when post => CreateRunAsync(context),
            ["runs"] when get => ListAsync(context, "runs", Snapshot(() => runs.Select(r => r.Json).ToList())),
            ["runs", var id] when post && id.EndsWith(":terminate", StringComparison.Ordinal) => TerminateAsync(context, id[..^":terminate".Length]),
            ["runs", var id] when get => AnswerOrNotFoundAsync(context, Snapshot(() => Poll(id)), $"run {id}"),
            ["recurringruns"] when post => CreateRecurringRunAsync(context),
            ["recurringruns"] when get => ListAsync(context, "recurringRuns", Snapshot(() => recurringRuns)),
            ["recurringruns", var id] when post && id.EndsWith(":enable", StringComparison.Ordinal) => SwitchAsync(context, id[..^":enable".Length], true),
            ["recurringruns", var id] when post && id.EndsWith(":disable", StringComparison.Ordinal) => SwitchAsync(context, id[..^":disable".Length], false),
            ["recurringruns", var id] when get => AnswerOrNotFoundAsync(context, Snapshot(() => recurringRuns.FirstOrDefault(r => Text(r, "recurring_run_id") == id)), $"recurring run {id}"),
            ["recurringruns", var id] when HttpMethods.IsDelete(method) => DeleteRecurringRunAsync(context, id),
            _ => ErrorAsync(context, 404, 5, $"Not Found: {method} {path}"),
        };
        await handled;
    }

    private async Task UploadPipelineAsync(HttpContext context)
    {
        if (await ReadUploadAsync(context) is not { } ir)
        {
            return;
        }
        var query = context.Request.Query;
        var name = FirstOf(query["name"], query["display_name"]) ?? "";
        if (name.Length == 0)
        {
            await ErrorAsync(context, 400, 3, "Failed to create a pipeline: pipeline name is empty.");
            return;
        }
        JsonObject pipeline;
        lock (gate)
        {
            if (pipelines.Any(p => Text(p, "name") == name))
            {
                pipeline = null!;
            }
            else
            {
                var now = Now();
                pipeline = new JsonObject
                {
                    ["pipeline_id"] = Guid.NewGuid().ToString(),
                    ["name"] = name,
                    ["display_name"] = FirstOf(query["display_name"]) ?? name,
                    ["description"] = FirstOf(query["description"]) ?? "",
                    ["created_at"] = now,
                };
                pipelines.Add(pipeline);
                // As KFP does, the upload makes the pipeline's first version too, named like the pipeline.
                versions.Add(NewVersion(Text(pipeline, "pipeline_id")!, name, name, "", ir, now));
                pipeline = (JsonObject)pipeline.DeepClone();
            }
        }
        if (pipeline is null)
        {
            await ErrorAsync(context, 409, 6, $"Failed to create a pipeline: a pipeline named '{name}' already exists.");
            return;
        }
        await AnswerAsync(context, pipeline);
    }

    private async Task UploadVersionAsync(HttpContext context)
    {
        if (await ReadUploadAsync(context) is not { } ir)
        {
            return;
        }
        var query = context.Request.Query;
        var pipelineId = FirstOf(query["pipelineid"]) ?? "";
        var name = FirstOf(query["name"], query["display_name"]) ?? "";
        int status;
        JsonObject? version = null;
        lock (gate)
        {
            if (pipelines.All(p => Text(p, "pipeline_id") != pipelineId))
            {
                status = 404;
            }
            else if (name.Length == 0)
            {
                status = 400;
            }
            else if (versions.Any(v => v.PipelineId == pipelineId && v.Name == name))
            {
                status = 409;
            }
            else
            {
                var stored = NewVersion(pipelineId, name, FirstOf(query["display_name"]) ?? name, FirstOf(query["description"]) ?? "", ir, Now());
                versions.Add(stored);
                version = (JsonObject)stored.Json.DeepClone();
                status = 200;
            }
        }
        await (status switch
        {
            200 => AnswerAsync(context, version!),
            404 => ErrorAsync(context, 404, 5, $"Failed to create a pipeline version: pipeline {pipelineId} not found."),
            400 => ErrorAsync(context, 400, 3, "Failed to create a pipeline version: its name is empty."),
            _ => ErrorAsync(context, 409, 6, $"Failed to create a pipeline version: pipeline {pipelineId} already has a version named '{name}'."),
        });
    }

    private async Task CreateRunAsync(HttpContext context)
    {
        if (await ReadMessageAsync(context, RunShape) is not { } body)
        {
            return;
        }
        var reference = body["pipeline_version_reference"] as JsonObject;
        StoredRun? run = null;
        lock (gate)
        {
            var version = versions.FirstOrDefault(v => v.PipelineId == Text(reference, "pipeline_id")
                && (Text(reference, "pipeline_version_id") is not { } vid || v.Id == vid));
            if (version is not null)
            {
                var now = Now();
                body["run_id"] = Guid.NewGuid().ToString();
                body["experiment_id"] = Text(body, "experiment_id") ?? "default-experiment";
                body["storage_state"] = "AVAILABLE";
                body["created_at"] = now;
                body["scheduled_at"] = now;
                body["finished_at"] = "1970-01-01T00:00:00Z";
                run = new StoredRun(body, version.Tasks, failingTasks.Where(f => version.Tasks.Contains(f.Key)).Select(f => (f.Key, f.Value)).FirstOrDefault())
                {
                    Spec = version.Json["pipeline_spec"] as JsonObject,
                    Cached = [.. cachedTasks.Where(version.Tasks.Contains)],
                };
                run.Move("PENDING", now);
                runs.Add(run);
            }
        }
        if (run is null)
        {
            await ErrorAsync(context, 400, 3, "Failed to create a run: pipeline_version_reference names no pipeline version of this server.");
            return;
        }
        if (LoseAnswer("runs"))
        {
            context.Abort();
            return;
        }
        await AnswerAsync(context, Snapshot(() => run.Json)!);
    }

    private async Task TerminateAsync(HttpContext context, string id)
    {
        bool found;
        lock (gate)
        {
            var run = runs.FirstOrDefault(r => r.Id == id);
            found = run is not null;
            if (run is { Ended: false })
            {
                run.Terminating = true;
                run.Move("CANCELING", Now());
            }
        }
        await (found ? AnswerAsync(context, []) : ErrorAsync(context, 404, 5, $"Failed to terminate a run: run {id} not found."));
    }

    private async Task CreateRecurringRunAsync(HttpContext context)
    {
        if (await ReadMessageAsync(context, RecurringRunShape) is not { } body)
        {
            return;
        }
        var refusal = RecurringRunRefusal(body);
        if (refusal is not null)
        {
            await ErrorAsync(context, 400, 3, "Failed to create a recurring run: " + refusal);
            return;
        }
        lock (gate)
        {
            var now = Now();
            body["recurring_run_id"] = Guid.NewGuid().ToString();
            body["max_concurrency"] = body["max_concurrency"]!.ToString();
            body["created_at"] = now;
            body["updated_at"] = now;
            body["status"] = Text(body, "mode") == "DISABLE" ? "DISABLED" : "ENABLED";
            recurringRuns.Add(body);
            body = (JsonObject)body.DeepClone();
        }
        if (LoseAnswer("recurringruns"))
        {
            context.Abort();
            return;
        }
        await AnswerAsync(context, body);
    }

    private string? RecurringRunRefusal(JsonObject body)
    {
        var reference = body["pipeline_version_reference"] as JsonObject;
        lock (gate)
        {
            if (!versions.Any(v => v.PipelineId == Text(reference, "pipeline_id") && (Text(reference, "pipeline_version_id") is not { } vid || v.Id == vid)))
            {
                return "pipeline_version_reference names no pipeline version of this server.";
            }
        }
        if (!long.TryParse(body["max_concurrency"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var concurrency) || concurrency is < 1 or > 10)
        {
            return "max_concurrency must be between 1 and 10.";
        }
        if (Text(body, "mode") is not ("ENABLE" or "DISABLE"))
        {
            return "mode must be ENABLE or DISABLE.";
        }
        if (body["trigger"]?["cron_schedule"]?["cron"]?.GetValue<string>() is not { } cron
            || cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
        {
            return "trigger.cron_schedule.cron must be a cron expression with 6 fields (seconds first).";
        }
        return null;
    }

    private async Task SwitchAsync(HttpContext context, string id, bool enable)
    {
        bool found;
        lock (gate)
        {
            var recurringRun = recurringRuns.FirstOrDefault(r => Text(r, "recurring_run_id") == id);
            found = recurringRun is not null;
            if (recurringRun is not null)
            {
                recurringRun["mode"] = enable ? "ENABLE" : "DISABLE";
                recurringRun["status"] = enable ? "ENABLED" : "DISABLED";
                recurringRun["updated_at"] = Now();
            }
        }
        await (found ? AnswerAsync(context, []) : ErrorAsync(context, 404, 5, $"Recurring run {id} not found."));
    }

    private async Task DeleteRecurringRunAsync(HttpContext context, string id)
    {
        int removed;
        lock (gate) removed = recurringRuns.RemoveAll(r => Text(r, "recurring_run_id") == id);
        await (removed > 0 ? AnswerAsync(context, []) : ErrorAsync(context, 404, 5, $"Recurring run {id} not found."));
    }

    /// <summary>Reads a run: each read moves it one state on, as a polling client sees a real run progress.</summary>
    private JsonObject? Poll(string id)
    {
        var run = runs.FirstOrDefault(r => r.Id == id);
        if (run is null)
        {
            return null;
        }
        var now = Now();
        switch (run.State)
        {
            case "PENDING":
                run.Move("RUNNING", now);
                break;
            case "RUNNING":
                if (run.FailingTask.Name is null)
                {
                    WriteArtifacts(run);
                }
                run.Move(run.FailingTask.Name is null ? "SUCCEEDED" : "FAILED", now);
                break;
            case "CANCELING":
                run.Move("CANCELED", now);
                break;
        }
        return run.Json;
    }

    /// <summary>What a run's launchers upload when its tasks end: each container task's output artifacts, at the driver's URIs.</summary>
    private void WriteArtifacts(StoredRun run)
    {
        var root = run.Json["runtime_config"]?["pipeline_root"]?.GetValue<string>();
        var spec = run.Spec?["root"] is null ? run.Spec?["pipeline_spec"] as JsonObject : run.Spec;
        if (artifactStore is null || artifactContent is null || spec is null || root is null || !root.StartsWith("gs://", StringComparison.Ordinal))
        {
            return;
        }
        var path = root["gs://".Length..].Split('?')[0].TrimEnd('/');
        var (bucket, prefix) = path.IndexOf('/') is var slash and > 0 ? (path[..slash], path[(slash + 1)..] + "/") : (path, "");
        var pipeline = spec["pipelineInfo"]?["name"]?.GetValue<string>() ?? "";
        long artifactId = 1000 * (runs.IndexOf(run) + 1);
        foreach (var task in run.Tasks.Where(t => !run.Cached.Contains(t)))
        {
            var component = spec["root"]?["dag"]?["tasks"]?[task]?["componentRef"]?["name"]?.GetValue<string>();
            var outputs = component is null ? null : spec["components"]?[component]?["outputDefinitions"]?["artifacts"] as JsonObject;
            var reported = new JsonObject();
            foreach (var (key, _) in outputs ?? [])
            {
                artifactStore.Put(bucket, $"{prefix}{pipeline}/{run.Id}/{task}/{Guid.NewGuid()}/{key}", artifactContent(task, key));
                reported[key] = new JsonObject { ["artifact_ids"] = new JsonArray((++artifactId).ToString(CultureInfo.InvariantCulture)) };
            }
            run.Outputs[task] = reported;
        }
    }

    private async Task ListAsync(HttpContext context, string field, IReadOnlyList<JsonObject> all)
    {
        var query = context.Request.Query;
        IEnumerable<JsonObject> items = all;
        if (FirstOf(query["filter"]) is { } filterText)
        {
            if (ParseFilter(filterText) is not { } filter)
            {
                await ErrorAsync(context, 400, 3, $"Invalid filter '{filterText}': write a Filter message as JSON with predicates on name or display_name (EQUALS, IS_SUBSTRING).");
                return;
            }
            items = items.Where(filter);
        }
        var sortBy = FirstOf(query["sort_by"]) ?? "";
        if (sortBy.Length > 0)
        {
            var parts = sortBy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts is not ([_] or [_, "desc" or "asc"]))
            {
                await ErrorAsync(context, 400, 3, $"Invalid sort_by '{sortBy}'.");
                return;
            }
            items = parts is [_, "desc"] ? items.OrderByDescending(i => Text(i, parts[0]), StringComparer.Ordinal) : items.OrderBy(i => Text(i, parts[0]), StringComparer.Ordinal);
        }
        var list = items.ToList();
        var size = int.TryParse(FirstOf(query["page_size"]), CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 20;
        var offset = int.TryParse(FirstOf(query["page_token"]), CultureInfo.InvariantCulture, out var o) ? o : 0;
        var page = list.Skip(offset).Take(size).Select(i => i.DeepClone()).ToArray();
        var answer = new JsonObject { [field] = new JsonArray(page), ["total_size"] = list.Count };
        if (offset + size < list.Count)
        {
            answer["next_page_token"] = (offset + size).ToString(CultureInfo.InvariantCulture);
        }
        await AnswerAsync(context, answer);
    }

    private static Func<JsonObject, bool>? ParseFilter(string text)
    {
        try
        {
            var predicates = new List<Func<JsonObject, bool>>();
            foreach (var predicate in (JsonNode.Parse(text)?["predicates"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var key = Text(predicate, "key");
                var value = Text(predicate, "string_value") ?? Text(predicate, "stringValue");
                if (key is not ("name" or "display_name") || value is null)
                {
                    return null;
                }
                switch (Text(predicate, "operation") ?? Text(predicate, "op"))
                {
                    case "EQUALS":
                        predicates.Add(i => Text(i, key) == value);
                        break;
                    case "IS_SUBSTRING":
                        predicates.Add(i => Text(i, key)?.Contains(value, StringComparison.Ordinal) == true);
                        break;
                    default:
                        return null;
                }
            }
            return item => predicates.All(p => p(item));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<byte[]?> ReadUploadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await ErrorAsync(context, 400, 3, "Failed to upload: expected multipart/form-data with the file in the field 'uploadfile'.");
            return null;
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form.Files["uploadfile"] is not { } file)
        {
            await ErrorAsync(context, 400, 3, "Failed to upload: no file in the field 'uploadfile'.");
            return null;
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }

    private async Task<JsonObject?> ReadMessageAsync(HttpContext context, ProtoJsonShape shape)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        JsonObject? body;
        try
        {
            body = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException e)
        {
            await ErrorAsync(context, 400, 3, $"proto: syntax error: {e.Message}");
            return null;
        }
        if (body is null)
        {
            await ErrorAsync(context, 400, 3, "proto: the body is not a JSON object");
            return null;
        }
        lock (gate) bodies.Add(((context.Request.Path.Value ?? "")[ApiPrefix.Length..], (JsonObject)body.DeepClone()));
        if (shape.FindUnknown(body) is { } unknown)
        {
            await ErrorAsync(context, 400, 3, $"proto: unknown field \"{unknown[(unknown.LastIndexOf('.') + 1)..]}\" ({unknown})");
            return null;
        }
        return shape.ToProtoNames(body);
    }

    private bool LoseAnswer(string collection)
    {
        lock (gate)
        {
            if (answersToLose.TryGetValue(collection, out var left) && left > 0)
            {
                answersToLose[collection] = left - 1;
                return true;
            }
            return false;
        }
    }

    private static StoredVersion NewVersion(string pipelineId, string name, string displayName, string description, byte[] ir, string now)
    {
        var json = new JsonObject
        {
            ["pipeline_id"] = pipelineId,
            ["pipeline_version_id"] = Guid.NewGuid().ToString(),
            ["name"] = name,
            ["display_name"] = displayName,
            ["description"] = description,
            ["created_at"] = now,
            ["pipeline_spec"] = YamlStruct.Read(ir),
        };
        return new StoredVersion(json, ir, RootDagTasks.Read(ir));
    }

    /// <summary>A time that grows by a second per call, so creation order and sort order agree without a real clock.</summary>
    private string Now() =>
        DateTimeOffset.UnixEpoch.AddYears(56).AddSeconds(Interlocked.Increment(ref clock)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private T Snapshot<T>(Func<T> read)
    {
        lock (gate)
        {
            var value = read();
            return value switch
            {
                JsonObject json => (T)(object)json.DeepClone(),
                IEnumerable<JsonObject> list => (T)(object)list.Select(j => (JsonObject)j.DeepClone()).ToList(),
                _ => value,
            };
        }
    }

    private async Task AnswerOrNotFoundAsync(HttpContext context, JsonObject? item, string what) =>
        await (item is null ? ErrorAsync(context, 404, 5, $"{what} not found.") : AnswerAsync(context, item));

    private async Task AnswerAsync(HttpContext context, JsonObject body)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    /// <summary>An error as KFP's gateway writes it: google.rpc.Status (code, message, details) plus the legacy "error".</summary>
    private static async Task ErrorAsync(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["error"] = message, ["code"] = code, ["message"] = message, ["details"] = new JsonArray() }.ToJsonString(), context.RequestAborted);
    }

    private static string? FirstOf(params Microsoft.Extensions.Primitives.StringValues[] values) =>
        values.Select(v => v.ToString()).FirstOrDefault(v => v.Length > 0);

    private static string? Text(JsonObject? item, string field) =>
        item?[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private sealed record StoredVersion(JsonObject Json, byte[] Ir, IReadOnlyList<string> Tasks)
    {
        public string PipelineId => Json["pipeline_id"]!.GetValue<string>();

        public string Id => Json["pipeline_version_id"]!.GetValue<string>();

        public string Name => Json["name"]!.GetValue<string>();
    }

    /// <summary>A run and where it is: its state moves the run, its tasks and its state_history together.</summary>
    private sealed class StoredRun(JsonObject json, IReadOnlyList<string> tasks, (string? Name, string? Message) failingTask)
    {
        public JsonObject Json { get; } = json;

        public (string? Name, string? Message) FailingTask { get; } = failingTask;

        public IReadOnlyList<string> Tasks => tasks;

        /// <summary>The version's pipeline_spec the run was created from.</summary>
        public JsonObject? Spec { get; init; }

        /// <summary>Tasks taken from the cache: SKIPPED, no outputs written.</summary>
        public IReadOnlyList<string> Cached { get; init; } = [];

        /// <summary>Task → its outputs as task_details reports them (<c>{key: {artifact_ids: [id]}}</c>), once written.</summary>
        public Dictionary<string, JsonObject> Outputs { get; } = new(StringComparer.Ordinal);

        public bool Terminating { get; set; }

        public string Id => Json["run_id"]!.GetValue<string>();

        public string State => Json["state"]?.GetValue<string>() ?? "";

        public bool Ended => State is "SUCCEEDED" or "FAILED" or "CANCELED" or "SKIPPED";

        public void Move(string state, string now)
        {
            Json["state"] = state;
            var history = Json["state_history"] as JsonArray ?? [];
            history.Add(new JsonObject { ["update_time"] = now, ["state"] = state });
            Json["state_history"] = history;
            if (Ended)
            {
                Json["finished_at"] = now;
            }
            if (state == "FAILED")
            {
                Json["error"] = new JsonObject { ["code"] = 2, ["message"] = $"task {FailingTask.Name} failed" };
            }
            var details = new JsonArray();
            foreach (var task in tasks)
            {
                var detail = new JsonObject
                {
                    ["run_id"] = Id,
                    ["task_id"] = Id + "-" + task,
                    ["display_name"] = task,
                    ["create_time"] = Json["created_at"]?.DeepClone(),
                    ["state"] = TaskState(task, state),
                    ["inputs"] = new JsonObject(),
                    ["outputs"] = Outputs.GetValueOrDefault(task)?.DeepClone() ?? new JsonObject(),
                };
                if (state == "FAILED" && task == FailingTask.Name)
                {
                    detail["error"] = new JsonObject { ["code"] = 2, ["message"] = FailingTask.Message };
                }
                details.Add(detail);
            }
            Json["run_details"] = new JsonObject { ["task_details"] = details };
        }

        private string TaskState(string task, string runState) => runState switch
        {
            "FAILED" => task == FailingTask.Name ? "FAILED" : "SUCCEEDED",
            "SUCCEEDED" when Cached.Contains(task) => "SKIPPED",
            "CANCELING" => "CANCELING",
            _ => runState,
        };
    }
}
