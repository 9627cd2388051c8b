using System.Globalization;
using System.Text.Json.Nodes;
using Mlops.Pipelines.Ir;
using Mlops.Runner.Execution;
using Mlops.Runner.Executors;
using Mlops.Runner.Store;

namespace Mlops.ContractServers.Vertex;

/// <summary>
/// A pipeline job that really runs: its <c>pipelineSpec</c> on the local runner with the process executor, each
/// executor image <c>host/prefix/NAME@sha256:…</c> (or <c>:tag</c>) running in <c>{componentsFolder}/NAME</c>, the
/// <c>runtimeConfig.parameterValues</c> as the run's parameters, its run folder under <paramref name="home"/>. The job
/// is RUNNING while the run runs, its tasks follow the runner's observer, and each task's output artifacts are copied
/// to <c>{gcsOutputDirectory}/{jobId}/{taskName}_{taskId}/{outputKey}</c> (where <paramref name="storagePath"/> puts a
/// gs:// URI on disk) before the task shows SUCCEEDED. A cancel cancels the run: CANCELLING, then CANCELLED once its
/// steps' processes are gone.
/// </summary>
internal sealed class ExecutedPipelineJob : IPipelineJob, IRunObserver
{
    private const string Queued = "PIPELINE_STATE_QUEUED";
    private const string Cancelling = "PIPELINE_STATE_CANCELLING";

    private readonly Lock gate = new();
    private readonly JsonObject job;
    private readonly JsonObject spec;
    private readonly string outputDirectory;
    private readonly IReadOnlyDictionary<string, string> parameters;
    private readonly string componentsFolder;
    private readonly MlopsHome home;
    private readonly Func<string, string?> storagePath;
    private readonly long firstTaskId;
    private readonly List<JsonObject> details = [];
    private readonly Dictionary<string, JsonObject> detailsByPath = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource cancellation = new();
    private string runFolder = "";

    /// <param name="job">The created resource (name set); the job owns it from now on.</param>
    /// <param name="storagePath">Where a gs:// URI's object lives on disk; null for a URI the server does not store.</param>
    public ExecutedPipelineJob(JsonObject job, string id, long firstTaskId, string componentsFolder, MlopsHome home, Func<string, string?> storagePath)
    {
        this.job = job;
        Id = id;
        this.firstTaskId = firstTaskId;
        this.componentsFolder = Path.GetFullPath(componentsFolder);
        this.home = home;
        this.storagePath = storagePath;
        spec = (JsonObject)job["pipelineSpec"]!.DeepClone();
        outputDirectory = job["runtimeConfig"]!["gcsOutputDirectory"]!.GetValue<string>().TrimEnd('/');
        parameters = (job["runtimeConfig"]?["parameterValues"] as JsonObject ?? [])
            .ToDictionary(p => p.Key, p => ParameterValues.ToText(p.Value), StringComparer.Ordinal);
        job["state"] = Queued;
    }

    public string Id { get; }

    public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;

    /// <summary>The run, from <see cref="Start"/> until the job ended (never faults).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public JsonObject Json
    {
        get
        {
            lock (gate)
            {
                var copy = (JsonObject)job.DeepClone();
                if (details.Count > 0)
                {
                    copy["jobDetail"] = new JsonObject { ["taskDetails"] = new JsonArray([.. details.Select(d => d.DeepClone())]) };
                }
                return copy;
            }
        }
    }

    private string State => job["state"]!.GetValue<string>();

    private bool HasEnded => State is "PIPELINE_STATE_SUCCEEDED" or "PIPELINE_STATE_FAILED" or "PIPELINE_STATE_CANCELLED";

    public void Start() => Completion = Task.Run(RunAsync);

    public void Advance()
    {
    }

    public bool Cancel()
    {
        lock (gate)
        {
            if (HasEnded)
            {
                return false;
            }
            job["state"] = Cancelling;
            job["updateTime"] = Now();
            foreach (var detail in details.Where(d => d["state"]?.GetValue<string>() is "RUNNING" or "PENDING"))
            {
                detail["state"] = "CANCELLING";
            }
        }
        // Off this thread: the server holds its lock while it cancels, and the steps' processes are killed as the token's callbacks run.
        _ = cancellation.CancelAsync();
        return true;
    }

    private async Task RunAsync()
    {
        RunRecord? record = null;
        string? problem = null;
        try
        {
            var ir = IrFile.Parse(spec.ToJsonString(), $"pipelineJobs/{Id}.pipelineSpec");
            runFolder = new RunStore(home).RunFolder(ir.Spec.PipelineInfo.Name, Id);
            lock (gate)
            {
                var now = Now();
                if (State == Queued)
                {
                    job["state"] = "PIPELINE_STATE_RUNNING";
                }
                job["startTime"] = now;
                job["updateTime"] = now;
                Detail("", now)["state"] = State == Cancelling ? "CANCELLING" : "RUNNING";
            }
            record = await LocalRunner.RunAsync(new RunOptions
            {
                Pipeline = ir,
                PipelineFile = $"pipelineJobs/{Id}",
                RunId = Id,
                Parameters = parameters,
                Executor = new ProcessExecutor(),
                ComponentFolders = ComponentFolders(ir.Spec),
                Home = home,
                Observer = this,
            }, cancellation.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problem = e.Message;
        }
        lock (gate)
        {
            End(record, problem);
        }
    }

    /// <summary>Each executor image → <c>{componentsFolder}/NAME</c>, NAME being the last segment of the image's repository.</summary>
    private Dictionary<string, string> ComponentFolders(PipelineSpec pipeline)
    {
        var folders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var executor in pipeline.DeploymentSpec.Executors.Values)
        {
            if (executor.Container?.Image is { Length: > 0 } image)
            {
                folders[image] = Path.Combine(componentsFolder, RepositoryName(image));
            }
        }
        return folders;
    }

    internal static string RepositoryName(string image)
    {
        var repository = image.Contains('@') ? image[..image.IndexOf('@')] : image;
        var name = repository[(repository.LastIndexOf('/') + 1)..];
        return name.Contains(':') ? name[..name.IndexOf(':')] : name;
    }

    void IRunObserver.TaskStarted(string path)
    {
        lock (gate)
        {
            var now = Now();
            var detail = Detail(path, now);
            detail["startTime"] = now;
            detail["state"] = State == Cancelling ? "CANCELLING" : "RUNNING";
            job["updateTime"] = now;
        }
    }

    void IRunObserver.TaskEnded(TaskRecord task, string? logTail)
    {
        string taskName, taskId;
        lock (gate)
        {
            var detail = Detail(task.Path, Now());
            taskName = detail["taskName"]!.GetValue<string>();
            taskId = detail["taskId"]!.GetValue<string>();
        }
        // Copied before the task shows SUCCEEDED, so whoever sees it succeed finds its outputs.
        var outputs = task.State is TaskState.Succeeded or TaskState.Cached ? Upload(task.Path, taskName, taskId) : null;
        lock (gate)
        {
            var now = Now();
            var detail = detailsByPath[task.Path];
            detail["startTime"] ??= task.Started.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
            detail["endTime"] = now;
            detail["state"] = task.State switch
            {
                TaskState.Succeeded or TaskState.Cached => "SUCCEEDED",
                TaskState.Failed => "FAILED",
                TaskState.Cancelled => "CANCELLED",
                _ when task.Error is "an upstream task failed" or "an upstream task was cancelled" => "NOT_TRIGGERED",
                _ => "SKIPPED",
            };
            if (outputs is not null)
            {
                detail["outputs"] = outputs;
            }
            if (task.State == TaskState.Failed)
            {
                detail["error"] = new JsonObject
                {
                    ["code"] = 9,
                    ["message"] = task.ExitCode is { } exitCode ? new TaskFailure(taskName, exitCode).Message : task.Error ?? "The task failed.",
                };
            }
            job["updateTime"] = now;
        }
    }

    /// <summary>The task's detail, added (PENDING) the first time the run mentions it; the pipeline's own under "".</summary>
    private JsonObject Detail(string path, string now)
    {
        if (detailsByPath.TryGetValue(path, out var found))
        {
            return found;
        }
        var taskId = (firstTaskId + details.Count).ToString(CultureInfo.InvariantCulture);
        var detail = new JsonObject { ["taskId"] = taskId };
        if (path.Length == 0)
        {
            detail["taskName"] = spec["pipelineInfo"]?["name"]?.DeepClone();
        }
        else
        {
            detail["parentTaskId"] = firstTaskId.ToString(CultureInfo.InvariantCulture);
            detail["taskName"] = path[(path.LastIndexOf('/') + 1)..];
            detail["taskUniqueName"] = path;
            detail["executorDetail"] = new JsonObject
            {
                ["containerDetail"] = new JsonObject { ["mainJob"] = $"{Location}/customJobs/{taskId}" },
            };
        }
        detail["createTime"] = now;
        detail["state"] = "PENDING";
        details.Add(detail);
        detailsByPath[path] = detail;
        return detail;
    }

    /// <summary>Copies what the step wrote to its output artifacts to their gs:// URIs; the outputs as a task detail reports them.</summary>
    private JsonObject Upload(string path, string taskName, string taskId)
    {
        var produced = Path.Combine(runFolder, "tasks", path.Replace('/', Path.DirectorySeparatorChar), "artifacts");
        var declared = ComponentAt(path)?["outputDefinitions"]?["artifacts"] as JsonObject ?? [];
        var keys = declared.Select(d => d.Key)
            .Concat(Directory.Exists(produced) ? Directory.EnumerateFileSystemEntries(produced).Select(Path.GetFileName).OfType<string>() : [])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var outputs = new JsonObject();
        var index = 0;
        foreach (var key in keys)
        {
            var uri = $"{outputDirectory}/{Id}/{taskName}_{taskId}/{key}";
            if (storagePath(uri) is { } target)
            {
                Copy(Path.Combine(produced, key), target);
            }
            var type = declared[key]?["artifactType"];
            outputs[key] = new JsonObject
            {
                ["artifacts"] = new JsonArray(new JsonObject
                {
                    ["name"] = $"{Location}/metadataStores/default/artifacts/{taskId}{index++}",
                    ["displayName"] = key,
                    ["uri"] = uri,
                    ["schemaTitle"] = type?["schemaTitle"]?.DeepClone() ?? "system.Artifact",
                    ["schemaVersion"] = type?["schemaVersion"]?.DeepClone() ?? "0.0.1",
                    ["state"] = "LIVE",
                    ["createTime"] = Now(),
                }),
            };
        }
        return outputs;
    }

    /// <summary>A file becomes the object; a folder, objects below the URI (as KFP's launcher uploads them).</summary>
    private static void Copy(string source, string target)
    {
        if (File.Exists(source))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
            return;
        }
        if (!Directory.Exists(source))
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
        }
    }

    /// <summary>The component a task path (<c>dag-task/iteration/task</c>) runs, following the spec's DAGs.</summary>
    private JsonObject? ComponentAt(string path)
    {
        var dag = spec["root"]?["dag"];
        JsonObject? component = null;
        foreach (var segment in path.Split('/'))
        {
            if (dag?["tasks"]?[segment]?["componentRef"]?["name"]?.GetValue<string>() is { } name)
            {
                component = spec["components"]?[name] as JsonObject;
                dag = component?["dag"];
            }
        }
        return component;
    }

    private void End(RunRecord? record, string? problem)
    {
        var now = Now();
        var state = problem is not null ? "PIPELINE_STATE_FAILED" : record!.State switch
        {
            RunState.Succeeded => "PIPELINE_STATE_SUCCEEDED",
            RunState.Cancelled => "PIPELINE_STATE_CANCELLED",
            _ => "PIPELINE_STATE_FAILED",
        };
        var root = Detail("", now);
        foreach (var detail in details.Where(d => d["state"]?.GetValue<string>() is "RUNNING" or "PENDING" or "CANCELLING"))
        {
            detail["state"] = state == "PIPELINE_STATE_SUCCEEDED" ? "SUCCEEDED" : state == "PIPELINE_STATE_CANCELLED" ? "CANCELLED" : "FAILED";
            detail["endTime"] = now;
        }
        root["endTime"] = now;
        job["state"] = state;
        job["endTime"] = now;
        job["updateTime"] = now;
        var failedTasks = details.Where(d => d != root && d["state"]?.GetValue<string>() == "FAILED").Select(d => d["taskName"]!.GetValue<string>()).ToList();
        job["error"] = state switch
        {
            "PIPELINE_STATE_CANCELLED" => new JsonObject { ["code"] = 1, ["message"] = "CANCELLED" },
            "PIPELINE_STATE_FAILED" when problem is null && failedTasks.Count > 0 => new JsonObject
            {
                ["code"] = 9,
                ["message"] = $"The DAG failed because some tasks failed. The failed tasks are: [{string.Join(", ", failedTasks)}].; " +
                    $"Job (project_id = {job["name"]!.GetValue<string>().Split('/')[1]}, job_id = {Id}) is failed due to the above error.",
            },
            "PIPELINE_STATE_FAILED" => new JsonObject { ["code"] = 9, ["message"] = problem ?? record?.Error ?? "The pipeline failed." },
            _ => null,
        };
        if (job["error"] is null)
        {
            job.Remove("error");
        }
    }

    private string Location => job["name"]!.GetValue<string>()[..job["name"]!.GetValue<string>().IndexOf("/pipelineJobs/", StringComparison.Ordinal)];

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
