using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Mlops.Runner.Store;

public enum RunState
{
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

public enum TaskState
{
    Succeeded,
    Cached,
    Failed,
    Skipped,
    Cancelled,
}

/// <summary>One task of a run as the run folder's run.json records it.</summary>
public sealed record TaskRecord(string Path, TaskState State, DateTimeOffset Started, DateTimeOffset Ended, int Attempts, int? ExitCode, string? Error);

/// <summary>run.json: a run's identity, parameters, state, tasks and outputs.</summary>
public sealed class RunRecord
{
    public required string Id { get; init; }
    public required string Pipeline { get; init; }
    public required string PipelineFile { get; init; }
    public required string Executor { get; init; }
    public RunState State { get; set; }
    public required DateTimeOffset Started { get; init; }
    public DateTimeOffset? Ended { get; set; }
    public JsonObject Parameters { get; init; } = [];
    public List<TaskRecord> Tasks { get; init; } = [];
    public JsonObject OutputParameters { get; set; } = [];

    /// <summary>Output artifact name → its path in the run folder.</summary>
    public Dictionary<string, string> OutputArtifacts { get; set; } = [];

    public string? Error { get; set; }

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // One converter per enum, not the reflection-made factory: the SDK's tool is also compiled ahead of time.
        Converters = { new JsonStringEnumConverter<RunState>(JsonNamingPolicy.CamelCase), new JsonStringEnumConverter<TaskState>(JsonNamingPolicy.CamelCase) },
        TypeInfoResolver = JsonTypeInfoResolver.Combine(RunRecordJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };
}
