using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Graph;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines;

/// <summary>Per-task settings: resources, retries, caching, display name, environment, ordering.</summary>
public static partial class PipelineTaskOptions
{
    [GeneratedRegex("^([0-9]*[.])?[0-9]+m?$")]
    private static partial Regex Cpu();

    [GeneratedRegex("^([0-9]+)(E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki)?$")]
    private static partial Regex Memory();

    /// <summary>CPU request, in Kubernetes quantity syntax: <c>"2"</c>, <c>"0.5"</c>, <c>"500m"</c>.</summary>
    public static TTask WithCpu<TTask>(this TTask task, string cpu, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        where TTask : PipelineTask
    {
        if (CpuValue(task, cpu, file, line) is { } value)
        {
            Resources(task).SetCpuRequest(cpu, value);
        }
        return task;
    }

    public static TTask WithCpu<TTask>(this TTask task, double cpu, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        where TTask : PipelineTask => task.WithCpu(cpu.ToString(CultureInfo.InvariantCulture), file, line);

    public static TTask WithCpuLimit<TTask>(this TTask task, string cpu, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        where TTask : PipelineTask
    {
        if (CpuValue(task, cpu, file, line) is { } value)
        {
            Resources(task).SetCpuLimit(cpu, value);
        }
        return task;
    }

    /// <summary>Memory request, in Kubernetes quantity syntax: <c>"16Gi"</c>, <c>"512M"</c>.</summary>
    public static TTask WithMemory<TTask>(this TTask task, string memory, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        where TTask : PipelineTask
    {
        if (MemoryValue(task, memory, file, line) is { } value)
        {
            Resources(task).SetMemoryRequest(memory, value);
        }
        return task;
    }

    public static TTask WithMemoryLimit<TTask>(this TTask task, string memory, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        where TTask : PipelineTask
    {
        if (MemoryValue(task, memory, file, line) is { } value)
        {
            Resources(task).SetMemoryLimit(memory, value);
        }
        return task;
    }

    /// <summary>An accelerator, e.g. <c>WithAccelerator("NVIDIA_TESLA_T4", 1)</c>.</summary>
    public static TTask WithAccelerator<TTask>(this TTask task, string type, int count = 1, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        where TTask : PipelineTask
    {
        if (string.IsNullOrWhiteSpace(type) || count < 0)
        {
            task.Trace.Report(ErrorCodes.Pipelines.InvalidResource,
                $"Task '{task.Name}': an accelerator needs a type (e.g. NVIDIA_TESLA_T4) and a count of 0 or more; got '{type}' x {count}.",
                new SourceLocation(file, line));
            return task;
        }
        var countText = count.ToString(CultureInfo.InvariantCulture);
        Resources(task).Accelerator = new AcceleratorConfig { Type = type, Count = count, ResourceType = type, ResourceCount = countText };
        return task;
    }

    /// <summary>Retries a failed task up to <paramref name="maxRetries"/> times, waiting <c>backoff * factor^n</c> between tries.</summary>
    public static TTask WithRetries<TTask>(this TTask task, int maxRetries, TimeSpan? backoff = null, double backoffFactor = 2.0,
        TimeSpan? maxBackoff = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        where TTask : PipelineTask
    {
        if (maxRetries < 0 || backoffFactor < 1 || backoff < TimeSpan.Zero || maxBackoff < TimeSpan.Zero)
        {
            task.Trace.Report(ErrorCodes.Pipelines.InvalidRetry,
                $"Task '{task.Name}': retries must be 0 or more, the backoff factor at least 1 and durations positive.",
                new SourceLocation(file, line));
            return task;
        }
        task.Node.Retry = new RetryPolicy
        {
            MaxRetryCount = maxRetries,
            BackoffDuration = Seconds(backoff ?? TimeSpan.Zero),
            BackoffFactor = backoffFactor,
            BackoffMaxDuration = Seconds(maxBackoff ?? TimeSpan.FromHours(1)),
        };
        return task;
    }

    /// <summary>Turns result caching on or off for this task (on by default).</summary>
    public static TTask WithCaching<TTask>(this TTask task, bool enabled) where TTask : PipelineTask
    {
        task.Node.EnableCache = enabled;
        return task;
    }

    /// <summary>The name shown in the pipeline's UI (the task keeps its DAG name).</summary>
    public static TTask WithDisplayName<TTask>(this TTask task, string displayName) where TTask : PipelineTask
    {
        task.Node.DisplayName = displayName;
        return task;
    }

    /// <summary>Sets the environment variable <paramref name="name"/> of this task's container.</summary>
    public static TTask WithEnv<TTask>(this TTask task, string name, string value,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) where TTask : PipelineTask
    {
        if (EnvironmentVariableNames.Problem(name) is { } problem)
        {
            task.Trace.Report(ErrorCodes.Pipelines.InvalidEnvironmentVariableName, $"Task '{task.Name}': {problem}", line > 0 ? new SourceLocation(file, line) : null);
            return task;
        }
        task.Node.Env.Add(new EnvVar { Name = name, Value = value });
        return task;
    }

    /// <summary>Runs this task only after <paramref name="upstream"/> succeeded, although no data flows between them.</summary>
    public static TTask After<TTask>(this TTask task, PipelineTask upstream,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) where TTask : PipelineTask
    {
        task.Node.ExplicitUpstream.Add(AfterCall.Next(upstream.Node, line > 0 ? new SourceLocation(file, line) : null));
        return task;
    }

    /// <summary>Runs this task only after every task of <paramref name="upstream"/> succeeded, although no data flows between them.</summary>
    public static TTask After<TTask>(this TTask task, params PipelineTask[] upstream) where TTask : PipelineTask
    {
        task.Node.ExplicitUpstream.AddRange(upstream.Select(u => AfterCall.Next(u.Node, null)));
        return task;
    }

    private static ResourceSpec Resources(PipelineTask task) => task.Node.Resources ??= new ResourceSpec();

    private static string Seconds(TimeSpan duration) =>
        ((long)Math.Round(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";

    private static double? CpuValue(PipelineTask task, string cpu, string file, int line)
    {
        if (!Cpu().IsMatch(cpu ?? ""))
        {
            task.Trace.Report(ErrorCodes.Pipelines.InvalidResource,
                $"Task '{task.Name}': '{cpu}' is not a CPU quantity; write a number of cores (\"2\", \"0.5\") or millicores (\"500m\").",
                new SourceLocation(file, line));
            return null;
        }
        return cpu!.EndsWith('m')
            ? double.Parse(cpu[..^1], CultureInfo.InvariantCulture) / 1000
            : double.Parse(cpu, CultureInfo.InvariantCulture);
    }

    private static double? MemoryValue(PipelineTask task, string memory, string file, int line)
    {
        var match = Memory().Match(memory ?? "");
        if (!match.Success)
        {
            task.Trace.Report(ErrorCodes.Pipelines.InvalidResource,
                $"Task '{task.Name}': '{memory}' is not a memory quantity; write e.g. \"16Gi\", \"512Mi\" or \"4G\".",
                new SourceLocation(file, line));
            return null;
        }
        var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var factor = match.Groups[2].Value switch
        {
            "E" => 1e18, "Ei" => Math.Pow(2, 60), "P" => 1e15, "Pi" => Math.Pow(2, 50), "T" => 1e12, "Ti" => Math.Pow(2, 40),
            "G" => 1e9, "Gi" => Math.Pow(2, 30), "M" => 1e6, "Mi" => Math.Pow(2, 20), "K" => 1e3, "Ki" => Math.Pow(2, 10),
            _ => 1,
        };
        return number * factor / 1e9;
    }
}
