namespace Mlops.Pipelines.Ir;

/// <summary>A task in a DAG: a component task or a control-flow group.</summary>
public sealed class PipelineTaskSpec
{
    /// <summary>A copy whose members are the same objects (for the inliner, which renames the copy only).</summary>
    internal PipelineTaskSpec ShallowCopy() => (PipelineTaskSpec)MemberwiseClone();

    public ArtifactIteratorSpec? ArtifactIterator { get; set; }
    public CachingOptions? CachingOptions { get; set; }
    public ComponentRef ComponentRef { get; set; } = new();
    public List<string>? DependentTasks { get; set; }
    public TaskInputsSpec? Inputs { get; set; }
    public IteratorPolicy? IteratorPolicy { get; set; }
    public ParameterIteratorSpec? ParameterIterator { get; set; }
    public RetryPolicy? RetryPolicy { get; set; }
    public TaskInfo TaskInfo { get; set; } = new();
    public TriggerPolicy? TriggerPolicy { get; set; }
}

public sealed class ComponentRef
{
    public string Name { get; set; } = "";
}

public sealed class TaskInfo
{
    public string Name { get; set; } = "";
}

/// <summary>Written as <c>{}</c> when caching is off: the compiler always touches it on component tasks.</summary>
public sealed class CachingOptions
{
    public bool EnableCache { get; set; }
    public string? CacheKey { get; set; }
}

public sealed class TriggerPolicy
{
    public string? Condition { get; set; }
    public TriggerStrategy Strategy { get; set; }
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TriggerStrategy>))]
public enum TriggerStrategy
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("TRIGGER_STRATEGY_UNSPECIFIED")] Unspecified = 0,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("ALL_UPSTREAM_TASKS_SUCCEEDED")] AllUpstreamTasksSucceeded = 1,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("ALL_UPSTREAM_TASKS_COMPLETED")] AllUpstreamTasksCompleted = 2,
}

public sealed class IteratorPolicy
{
    public int ParallelismLimit { get; set; }
}

public sealed class RetryPolicy
{
    public int MaxRetryCount { get; set; }
    public string? BackoffDuration { get; set; }
    public double BackoffFactor { get; set; }
    public string? BackoffMaxDuration { get; set; }
}
