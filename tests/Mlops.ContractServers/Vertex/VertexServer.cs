using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Mlops.ContractServers.Vertex;

/// <summary>
/// Vertex AI's REST API v1 for pipelines, as documented: <c>/v1/projects/P/locations/L/pipelineJobs</c> (create with
/// <c>?pipelineJobId=</c>, get, list with <c>filter</c>/<c>orderBy</c>/<c>pageSize</c>/<c>pageToken</c>,
/// <c>:cancel</c>) and <c>…/schedules</c> (create, get, list, patch with <c>updateMask</c>, <c>:pause</c>,
/// <c>:resume</c>). camelCase JSON; unknown fields and wrong types are 400 INVALID_ARGUMENT; errors are
/// google.rpc.Status JSON. Requests need <c>Authorization: Bearer</c> with one of <paramref name="acceptedTokens"/>
/// (the "google" server issues its access token for cloud-platform, so start both with the same one). A create needs
/// <c>runtimeConfig.gcsOutputDirectory</c> and the spec inline (<c>pipelineSpec</c>, as the aiplatform SDK sends it);
/// its parameter values are checked against the spec's root <c>inputDefinitions</c>, and a <c>templateUri</c> by tag
/// answers 500 as Vertex AI does (python-aiplatform#2181). Jobs play out as they are read (see
/// <see cref="SimulatedPipelineJob"/>), or, with <see cref="ComponentsFolder"/> set, really run on the local runner (see
/// <see cref="ExecutedPipelineJob"/>); output artifacts' bytes go to <c>{storage}/gcs/{bucket}/{object}</c>, the
/// folder the Cloud Storage contract server serves.
/// </summary>
public sealed partial class VertexServer(string storage, IReadOnlyCollection<string> acceptedTokens) : ContractServer
{
    public const int DefaultPageSize = 100;

    private readonly object gate = new();
    private readonly Dictionary<string, IPipelineJob> jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> schedules = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskFailure> failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> denied = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string PathAndQuery, JsonObject Body)> bodies = new();
    private long sequence = 1000;
    private int dropCreateAnswers;

    public const string ExecuteOption = "--execute";

    public string Storage { get; } = Path.GetFullPath(storage);

    /// <summary>
    /// When set, a created job really runs: its spec on the local runner, each step as a process in
    /// <c>{ComponentsFolder}/NAME</c> for an executor image <c>host/prefix/NAME@sha256:…</c>, its run folders under
    /// <see cref="RunsHome"/>; <see cref="FailTask"/> does not apply. Unset, jobs are simulated.
    /// </summary>
    public string? ComponentsFolder { get; init; }

    /// <summary>The MLOps home of executed jobs (their run folders): <c>{storage}/vertex-runs</c>, never the user's.</summary>
    public string RunsHome => Path.Combine(Storage, "vertex-runs");

    /// <summary>The program form: <c>vertex --storage DIR --token T [--execute COMPONENTS_DIR]</c>.</summary>
    public static VertexServer FromOptions(Options options) =>
        new(options.Storage, options.AccessToken is { } token ? [token] : throw new ArgumentException("the vertex server needs --token"))
        {
            // Options has no field for it: read from the program's own command line.
            ComponentsFolder = Environment.GetCommandLineArgs() is var args && Array.IndexOf(args, ExecuteOption) is var i and >= 0 && i + 1 < args.Length
                ? Path.GetFullPath(args[i + 1])
                : null,
        };

    /// <summary>The jobs created, by resource name.</summary>
    public IReadOnlyList<string> JobNames { get { lock (gate) { return [.. jobs.Keys]; } } }

    /// <summary>The schedules, as the server holds them.</summary>
    public IReadOnlyList<JsonObject> Schedules { get { lock (gate) { return [.. schedules.Values.Select(s => (JsonObject)s.DeepClone())]; } } }

    /// <summary>The JSON bodies received, in order, with the path and query they were sent to.</summary>
    public IReadOnlyList<(string PathAndQuery, JsonObject Body)> Bodies => [.. bodies];

    /// <summary>The task named <see cref="TaskFailure.TaskName"/> fails in every job created from now on.</summary>
    public void FailTask(TaskFailure failure) => failures[failure.TaskName] = failure;

    /// <summary>Calls that need <paramref name="permission"/> (e.g. <c>aiplatform.pipelineJobs.create</c>) answer 403 from now on.</summary>
    public void Deny(string permission) => denied[permission] = true;

    /// <summary>The next creates (of a job or a schedule) are made, then their connection is dropped before the answer (a lost answer).</summary>
    public void DropCreateAnswers(int times = 1) => Interlocked.Add(ref dropCreateAnswers, times);

    /// <summary>Runs a schedule once: a job from its <c>createPipelineJobRequest</c>, with <c>scheduleName</c>; its resource name.</summary>
    public string TriggerSchedule(string scheduleName)
    {
        lock (gate)
        {
            var schedule = schedules[scheduleName];
            var job = (JsonObject)schedule["createPipelineJobRequest"]!["pipelineJob"]!.DeepClone();
            job["scheduleName"] = scheduleName;
            var parent = schedule["createPipelineJobRequest"]!["parent"]!.GetValue<string>();
            var id = $"{(schedule["displayName"]!.GetValue<string>().ToLowerInvariant())}-{Interlocked.Increment(ref sequence)}";
            return Add(parent, NotAllowedInId().Replace(id, "-").Trim('-'), job).Id;
        }
    }

    protected override void Map(WebApplication app)
    {
        app.Lifetime.ApplicationStopping.Register(StopRuns);
        app.Use(async (context, next) =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !acceptedTokens.Contains(header["Bearer ".Length..].Trim()))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"https://accounts.google.com/\"";
                await ErrorAsync(context, 401, "UNAUTHENTICATED",
                    "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.");
                return;
            }
            await next(context);
        });
        app.Run(DispatchAsync);
    }

    private async Task DispatchAsync(HttpContext context)
    {
        var segments = context.Request.Path.Value!.Trim('/').Split('/');
        if (segments is not ["v1", "projects", var project, "locations", var location, var collection, .. var rest]
            || collection.Split(':')[0] is not ("pipelineJobs" or "schedules") || rest.Length > 1)
        {
            await ErrorAsync(context, 404, "NOT_FOUND", "The requested URL was not found on this server.");
            return;
        }
        var parent = $"projects/{project}/locations/{location}";
        var method = context.Request.Method;
        var (id, verb) = rest is [var last] ? (last.Split(':')[0], last.Contains(':') ? last[(last.IndexOf(':') + 1)..] : "") : ("", "");
        if (collection == "pipelineJobs")
        {
            var name = $"{parent}/pipelineJobs/{id}";
            await ((id, verb, method) switch
            {
                ("", "", "POST") => Guarded(context, "aiplatform.pipelineJobs.create", parent, () => CreateJobAsync(context, parent)),
                ("", "", "GET") => Guarded(context, "aiplatform.pipelineJobs.list", parent, () => ListJobsAsync(context, parent)),
                (_, "", "GET") => Guarded(context, "aiplatform.pipelineJobs.get", name, () => GetJobAsync(context, name)),
                (_, "cancel", "POST") => Guarded(context, "aiplatform.pipelineJobs.cancel", name, () => CancelJobAsync(context, name)),
                _ => ErrorAsync(context, 404, "NOT_FOUND", "The requested URL was not found on this server."),
            });
            return;
        }
        var schedule = $"{parent}/schedules/{id}";
        await ((id, verb, method) switch
        {
            ("", "", "POST") => Guarded(context, "aiplatform.schedules.create", parent, () => CreateScheduleAsync(context, parent)),
            ("", "", "GET") => Guarded(context, "aiplatform.schedules.list", parent, () => ListSchedulesAsync(context, parent)),
            (_, "", "GET") => Guarded(context, "aiplatform.schedules.get", schedule, () => WithSchedule(context, schedule, s => JsonAsync(context, 200, s))),
            (_, "", "PATCH") => Guarded(context, "aiplatform.schedules.update", schedule, () => PatchScheduleAsync(context, schedule)),
            (_, "pause", "POST") => Guarded(context, "aiplatform.schedules.update", schedule, () => SetScheduleStateAsync(context, schedule, "ACTIVE", "PAUSED")),
            (_, "resume", "POST") => Guarded(context, "aiplatform.schedules.update", schedule, () => SetScheduleStateAsync(context, schedule, "PAUSED", "ACTIVE")),
            _ => ErrorAsync(context, 404, "NOT_FOUND", "The requested URL was not found on this server."),
        });
    }

    private Task Guarded(HttpContext context, string permission, string resource, Func<Task> handle) =>
        denied.ContainsKey(permission)
            ? ErrorAsync(context, 403, "PERMISSION_DENIED",
                $"Permission '{permission}' denied on resource '//aiplatform.googleapis.com/{resource}' (or it may not exist).")
            : handle();

    private async Task CreateJobAsync(HttpContext context, string parent)
    {
        if (await ReadBodyAsync(context) is not { } body)
        {
            return;
        }
        if (CheckJob(body, "pipeline_job") is { } problem)
        {
            await ErrorAsync(context, problem.Status, problem.State, problem.Message);
            return;
        }
        var id = context.Request.Query["pipelineJobId"].ToString();
        if (id.Length > 0 && !JobId().IsMatch(id))
        {
            await ErrorAsync(context, 400, "INVALID_ARGUMENT", $"Invalid pipeline job ID '{id}': it must match ^[a-z][-a-z0-9]{{0,127}}$.");
            return;
        }
        IPipelineJob? job;
        lock (gate)
        {
            id = id.Length > 0 ? id : Interlocked.Increment(ref sequence).ToString(CultureInfo.InvariantCulture) + "0000000";
            job = jobs.ContainsKey($"{parent}/pipelineJobs/{id}") ? null : Add(parent, id, body);
        }
        if (job is null)
        {
            await ErrorAsync(context, 409, "ALREADY_EXISTS", $"PipelineJob {parent}/pipelineJobs/{id} already exists.");
            return;
        }
        await AnswerCreateAsync(context, job.Json);
    }

    /// <summary>The created resource, or a dropped connection when a test asked for a lost answer.</summary>
    private Task AnswerCreateAsync(HttpContext context, JsonObject created)
    {
        if (Interlocked.Decrement(ref dropCreateAnswers) >= 0)
        {
            context.Abort();
            return Task.CompletedTask;
        }
        Interlocked.CompareExchange(ref dropCreateAnswers, 0, -1);
        return JsonAsync(context, 200, created);
    }

    private IPipelineJob Add(string parent, string id, JsonObject body)
    {
        var name = $"{parent}/pipelineJobs/{id}";
        body["name"] = name;
        body["createTime"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        body["updateTime"] = body["createTime"]!.DeepClone();
        foreach (var output in (string[])["startTime", "endTime", "jobDetail", "error", "state"])
        {
            body.Remove(output);
        }
        if (body["templateUri"]?.GetValue<string>() is { } uri)
        {
            body["templateMetadata"] = new JsonObject { ["version"] = uri[(uri.LastIndexOf('/') + 1)..] };
        }
        var firstTaskId = Interlocked.Add(ref sequence, 100);
        if (ComponentsFolder is { } components)
        {
            var executed = new ExecutedPipelineJob(body, id, firstTaskId, components, new MlopsHome(RunsHome), StoragePath);
            jobs[name] = executed;
            executed.Start();
            return executed;
        }
        var job = new SimulatedPipelineJob(body, id, firstTaskId, new Dictionary<string, TaskFailure>(failures), WriteArtifact);
        jobs[name] = job;
        return job;
    }

    /// <summary>On shutdown, executed jobs still running are cancelled, so no step's process outlives the server.</summary>
    private void StopRuns()
    {
        List<ExecutedPipelineJob> running;
        lock (gate)
        {
            running = [.. jobs.Values.OfType<ExecutedPipelineJob>().Where(j => !j.Completion.IsCompleted)];
        }
        foreach (var job in running)
        {
            job.Cancel();
        }
        Task.WaitAll([.. running.Select(j => j.Completion)], TimeSpan.FromSeconds(30));
    }

    private async Task GetJobAsync(HttpContext context, string name)
    {
        JsonObject? answer = null;
        lock (gate)
        {
            if (jobs.TryGetValue(name, out var job))
            {
                job.Advance();
                answer = job.Json;
            }
        }
        await (answer is null ? ErrorAsync(context, 404, "NOT_FOUND", $"The PipelineJob \"{name}\" does not exist.") : JsonAsync(context, 200, answer));
    }

    private async Task CancelJobAsync(HttpContext context, string name)
    {
        if (!await ReadEmptyBodyAsync(context, "cancel_pipeline_job_request"))
        {
            return;
        }
        bool? cancelled = null;
        lock (gate)
        {
            if (jobs.TryGetValue(name, out var job))
            {
                cancelled = job.Cancel();
            }
        }
        await (cancelled switch
        {
            null => ErrorAsync(context, 404, "NOT_FOUND", $"The PipelineJob \"{name}\" does not exist."),
            false => ErrorAsync(context, 400, "FAILED_PRECONDITION", $"Cannot cancel PipelineJob {name} because it is in a terminal state."),
            true => JsonAsync(context, 200, new JsonObject()),
        });
    }

    private async Task ListJobsAsync(HttpContext context, string parent)
    {
        var filter = context.Request.Query["filter"].ToString();
        var condition = Filter().Match(filter);
        if (filter.Length > 0 && (!condition.Success || condition.Groups["field"].Value is not ("pipeline_name" or "display_name")))
        {
            await ErrorAsync(context, 400, "INVALID_ARGUMENT", $"Unsupported filter: {filter}");
            return;
        }
        var orderBy = context.Request.Query["orderBy"].ToString();
        if (orderBy is not ("" or "create_time desc" or "create_time" or "create_time asc"))
        {
            await ErrorAsync(context, 400, "INVALID_ARGUMENT", $"Unsupported orderBy: {orderBy}");
            return;
        }
        List<JsonObject> all;
        lock (gate)
        {
            all = jobs.Values.Where(j => j.Json["name"]!.GetValue<string>().StartsWith(parent + "/", StringComparison.Ordinal))
                .OrderBy(j => j.Created).ThenBy(j => j.Id, StringComparer.Ordinal)
                .Select(j => j.Json)
                .Where(j => filter.Length == 0 || Matches(condition, condition.Groups["field"].Value == "pipeline_name"
                    ? j["pipelineSpec"]?["pipelineInfo"]?["name"]?.GetValue<string>()
                    : j["displayName"]?.GetValue<string>()))
                .ToList();
        }
        if (orderBy is "" or "create_time desc")
        {
            all.Reverse();
        }
        await PageAsync(context, "pipelineJobs", all);
    }

    private async Task CreateScheduleAsync(HttpContext context, string parent)
    {
        if (await ReadBodyAsync(context) is not { } body)
        {
            return;
        }
        if (CheckSchedule(body, parent) is { } problem)
        {
            await ErrorAsync(context, problem.Status, problem.State, problem.Message);
            return;
        }
        var id = Interlocked.Increment(ref sequence).ToString(CultureInfo.InvariantCulture) + "00000";
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        body["name"] = $"{parent}/schedules/{id}";
        body["state"] = "ACTIVE";
        body["createTime"] = now;
        body["updateTime"] = now;
        body["startTime"] ??= now;
        body["startedRunCount"] = "0";
        lock (gate)
        {
            schedules[body["name"]!.GetValue<string>()] = (JsonObject)body.DeepClone();
        }
        await AnswerCreateAsync(context, body);
    }

    private async Task ListSchedulesAsync(HttpContext context, string parent)
    {
        var filter = context.Request.Query["filter"].ToString();
        var condition = Filter().Match(filter);
        if (filter.Length > 0 && (!condition.Success || condition.Groups["field"].Value != "display_name"))
        {
            await ErrorAsync(context, 400, "INVALID_ARGUMENT", $"Unsupported filter: {filter}");
            return;
        }
        List<JsonObject> all;
        lock (gate)
        {
            all = schedules.Values.Where(s => s["name"]!.GetValue<string>().StartsWith(parent + "/", StringComparison.Ordinal))
                .Where(s => filter.Length == 0 || Matches(condition, s["displayName"]?.GetValue<string>()))
                .Select(s => (JsonObject)s.DeepClone())
                .ToList();
        }
        await PageAsync(context, "schedules", all);
    }

    private async Task PatchScheduleAsync(HttpContext context, string name)
    {
        if (await ReadBodyAsync(context) is not { } body)
        {
            return;
        }
        var mask = context.Request.Query["updateMask"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var known = new[] { "displayName", "cron", "maxConcurrentRunCount", "maxRunCount", "allowQueueing", "startTime", "endTime", "createPipelineJobRequest" };
        var fields = mask.Select(path => known.FirstOrDefault(k => k == path || VertexRequestSchema.Snake(k) == path)).ToList();
        if (mask.Length == 0 || fields.Any(f => f is null))
        {
            await ErrorAsync(context, 400, "INVALID_ARGUMENT", $"Invalid update_mask '{context.Request.Query["updateMask"]}': give the fields to update, among {string.Join(", ", known.Select(VertexRequestSchema.Snake))}.");
            return;
        }
        Problem? refused;
        JsonObject? updated = null;
        lock (gate)
        {
            if (!schedules.TryGetValue(name, out var current))
            {
                refused = new Problem(404, "NOT_FOUND", $"The Schedule \"{name}\" does not exist.");
            }
            else
            {
                updated = (JsonObject)current.DeepClone();
                foreach (var field in fields)
                {
                    updated[field!] = body[field!]?.DeepClone();
                }
                refused = CheckSchedule(updated, name[..name.IndexOf("/schedules/", StringComparison.Ordinal)]);
                if (refused is null)
                {
                    updated["updateTime"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
                    schedules[name] = (JsonObject)updated.DeepClone();
                }
            }
        }
        await (refused is null ? JsonAsync(context, 200, updated!) : ErrorAsync(context, refused.Status, refused.State, refused.Message));
    }

    private async Task SetScheduleStateAsync(HttpContext context, string name, string from, string to)
    {
        if (!await ReadEmptyBodyAsync(context, to == "PAUSED" ? "pause_schedule_request" : "resume_schedule_request", to == "ACTIVE" ? "catchUp" : null))
        {
            return;
        }
        string? state = null;
        lock (gate)
        {
            if (schedules.TryGetValue(name, out var schedule))
            {
                state = schedule["state"]!.GetValue<string>();
                if (state == from)
                {
                    schedule["state"] = to;
                    schedule[to == "PAUSED" ? "lastPauseTime" : "lastResumeTime"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
                }
            }
        }
        await (state switch
        {
            null => ErrorAsync(context, 404, "NOT_FOUND", $"The Schedule \"{name}\" does not exist."),
            _ when state == from => JsonAsync(context, 200, new JsonObject()),
            _ => ErrorAsync(context, 400, "FAILED_PRECONDITION", $"Schedule {name} is in state {state}; only a schedule in state {from} can be changed to {to}."),
        });
    }

    private Task WithSchedule(HttpContext context, string name, Func<JsonObject, Task> answer)
    {
        JsonObject? schedule;
        lock (gate)
        {
            schedule = schedules.TryGetValue(name, out var found) ? (JsonObject)found.DeepClone() : null;
        }
        return schedule is null ? ErrorAsync(context, 404, "NOT_FOUND", $"The Schedule \"{name}\" does not exist.") : answer(schedule);
    }

    private static Problem? CheckSchedule(JsonObject body, string parent)
    {
        if (VertexRequestSchema.CheckSchedule(body) is { } shape)
        {
            return new Problem(400, "INVALID_ARGUMENT", shape);
        }
        if (body["displayName"]?.GetValue<string>() is not { Length: > 0 })
        {
            return new Problem(400, "INVALID_ARGUMENT", "Schedule display_name is required.");
        }
        if (body["cron"]?.GetValue<string>() is not { } cron || CronFields(cron) != 5)
        {
            return new Problem(400, "INVALID_ARGUMENT", "Schedule cron must be a 5-field cron expression, optionally prefixed with \"TZ=\" or \"CRON_TZ=\" and an IANA time zone.");
        }
        if (!long.TryParse(body["maxConcurrentRunCount"]?.ToString(), CultureInfo.InvariantCulture, out var concurrent) || concurrent < 1)
        {
            return new Problem(400, "INVALID_ARGUMENT", "Schedule max_concurrent_run_count must be greater than 0.");
        }
        if (body["createPipelineJobRequest"] is not JsonObject request || request["pipelineJob"] is not JsonObject job)
        {
            return new Problem(400, "INVALID_ARGUMENT", "Schedule create_pipeline_job_request.pipeline_job is required.");
        }
        if (request["parent"]?.GetValue<string>() != parent)
        {
            return new Problem(400, "INVALID_ARGUMENT", $"Schedule create_pipeline_job_request.parent must be {parent}.");
        }
        if (request["pipelineJobId"] is not null)
        {
            return new Problem(400, "INVALID_ARGUMENT", "User-specified ID is not supported in the request template.");
        }
        return CheckJob(job, "schedule.create_pipeline_job_request.pipeline_job", checkShape: false);
    }

    private static int CronFields(string cron)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (fields.Count > 0 && (fields[0].StartsWith("TZ=", StringComparison.Ordinal) || fields[0].StartsWith("CRON_TZ=", StringComparison.Ordinal)))
        {
            fields.RemoveAt(0);
        }
        return fields.All(f => f.All(c => char.IsAsciiDigit(c) || c is '*' or '/' or ',' or '-' || char.IsAsciiLetter(c))) ? fields.Count : -1;
    }

    /// <summary>What the service checks of a job on create: its shape, the output directory, the template, the parameters.</summary>
    private static Problem? CheckJob(JsonObject job, string path, bool checkShape = true)
    {
        if (checkShape && VertexRequestSchema.CheckPipelineJob(job) is { } shape)
        {
            return new Problem(400, "INVALID_ARGUMENT", shape);
        }
        if (job["runtimeConfig"]?["gcsOutputDirectory"]?.GetValue<string>() is not { Length: > 0 } root || !root.StartsWith("gs://", StringComparison.Ordinal))
        {
            return new Problem(400, "INVALID_ARGUMENT", $"{path}.runtime_config.gcs_output_directory is required and must be a Cloud Storage URI (gs://...).");
        }
        if (job["templateUri"]?.GetValue<string>() is { } uri && !uri[(uri.LastIndexOf('/') + 1)..].StartsWith("sha256:", StringComparison.Ordinal))
        {
            return new Problem(500, "INTERNAL", "Internal error encountered.");
        }
        if (job["pipelineSpec"] is not JsonObject spec || spec["root"] is not JsonObject)
        {
            return new Problem(400, "INVALID_ARGUMENT", $"{path}.pipeline_spec is required by this server (it does not download templates) and needs a root.");
        }
        if (job["displayName"]?.GetValue<string>() is { Length: > 128 })
        {
            return new Problem(400, "INVALID_ARGUMENT", $"{path}.display_name must be at most 128 characters.");
        }
        return CheckParameters(spec, job["runtimeConfig"]?["parameterValues"] as JsonObject ?? []) is { } parameters
            ? new Problem(400, "INVALID_ARGUMENT", parameters)
            : null;
    }

    private static string? CheckParameters(JsonObject spec, JsonObject values)
    {
        var definitions = spec["root"]?["inputDefinitions"]?["parameters"] as JsonObject ?? [];
        foreach (var (name, value) in values)
        {
            if (definitions[name] is not JsonObject definition)
            {
                return $"The pipeline parameter {name} is not found in the pipeline job input definitions.";
            }
            var type = definition["parameterType"]?.GetValue<string>() ?? "";
            var kind = value?.GetValueKind();
            var fits = type switch
            {
                "STRING" => kind == JsonValueKind.String,
                "NUMBER_INTEGER" => kind == JsonValueKind.Number && value!.AsValue().TryGetValue<long>(out _),
                "NUMBER_DOUBLE" => kind == JsonValueKind.Number,
                "BOOLEAN" => kind is JsonValueKind.True or JsonValueKind.False,
                "LIST" => kind == JsonValueKind.Array,
                "STRUCT" => kind == JsonValueKind.Object,
                _ => true,
            };
            if (!fits)
            {
                return $"The value of pipeline parameter {name} must be of type {type}, got {value?.ToJsonString() ?? "null"}.";
            }
        }
        foreach (var (name, definition) in definitions)
        {
            if (!values.ContainsKey(name) && definition?["defaultValue"] is null && definition?["isOptional"]?.GetValue<bool>() != true)
            {
                return $"The pipeline parameter {name} is required but no value was given and it has no default.";
            }
        }
        return null;
    }

    private void WriteArtifact(string uri, string task, string key)
    {
        if (StoragePath(uri) is not { } file)
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var job = uri.Split('/')[^3];
        File.WriteAllText(file, $"simulated output '{key}' of task '{task}' of pipeline job '{job}'\n");
    }

    /// <summary>Where the object of a gs:// URI lives: <c>{storage}/gcs/{bucket}/{object}</c>; null for a URI that would leave that folder.</summary>
    private string? StoragePath(string uri)
    {
        var file = Path.GetFullPath(Path.Combine(Storage, "gcs", uri["gs://".Length..]));
        return file.StartsWith(Path.Combine(Storage, "gcs") + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? file : null;
    }

    private static bool Matches(Match condition, string? value)
    {
        if (value is null)
        {
            return false;
        }
        var wanted = condition.Groups["value"].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        return condition.Groups["op"].Value == ":" && wanted.EndsWith('*')
            ? value.StartsWith(wanted[..^1], StringComparison.Ordinal)
            : value == wanted;
    }

    private async Task<JsonObject?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            if (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) is JsonObject body)
            {
                bodies.Enqueue((context.Request.Path + context.Request.QueryString, (JsonObject)body.DeepClone()));
                return body;
            }
        }
        catch (JsonException)
        {
        }
        await ErrorAsync(context, 400, "INVALID_ARGUMENT", "Invalid JSON payload received. The body is not a JSON object.");
        return null;
    }

    /// <summary>A request message whose only field is in the path: the body is <c>{}</c> (or has only <paramref name="allowed"/>).</summary>
    private async Task<bool> ReadEmptyBodyAsync(HttpContext context, string message, string? allowed = null)
    {
        if (await ReadBodyAsync(context) is not { } body)
        {
            return false;
        }
        if (body.Select(p => p.Key).FirstOrDefault(k => k != allowed) is { } unknown)
        {
            await ErrorAsync(context, 400, "INVALID_ARGUMENT", $"Invalid JSON payload received. Unknown name \"{unknown}\" at '{message}': Cannot find field.");
            return false;
        }
        return true;
    }

    private static async Task PageAsync(HttpContext context, string field, List<JsonObject> all)
    {
        var size = int.TryParse(context.Request.Query["pageSize"], CultureInfo.InvariantCulture, out var s) && s > 0 ? Math.Min(s, DefaultPageSize) : DefaultPageSize;
        var start = context.Request.Query["pageToken"].ToString() is { Length: > 0 } token
            ? int.TryParse(token, CultureInfo.InvariantCulture, out var t) && t >= 0 ? t : -1
            : 0;
        if (start < 0)
        {
            await ErrorAsync(context, 400, "INVALID_ARGUMENT", "Invalid page token.");
            return;
        }
        var answer = new JsonObject { [field] = new JsonArray([.. all.Skip(start).Take(size)]) };
        if (start + size < all.Count)
        {
            answer["nextPageToken"] = (start + size).ToString(CultureInfo.InvariantCulture);
        }
        await JsonAsync(context, 200, answer);
    }

    private static async Task JsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static Task ErrorAsync(HttpContext context, int status, string state, string message) =>
        JsonAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = status, ["message"] = message, ["status"] = state } });

    private sealed record Problem(int Status, string State, string Message);

    [GeneratedRegex("^[a-z][-a-z0-9]{0,127}$")]
    private static partial Regex JobId();

    [GeneratedRegex("[^-0-9a-z]+")]
    private static partial Regex NotAllowedInId();

    [GeneratedRegex("""^\s*(?<field>[a-z_]+)\s*(?<op>=|:)\s*"(?<value>(?:[^"\\]|\\.)*)"\s*$""")]
    private static partial Regex Filter();
}
