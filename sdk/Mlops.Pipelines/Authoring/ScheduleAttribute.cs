using System.Runtime.CompilerServices;
using Mlops.Pipelines.Diagnostics;

namespace Mlops.Pipelines;

/// <summary>
/// Runs the pipeline on a schedule in the environments named: <paramref name="cron"/> is a 5-field cron (minute hour
/// day-of-month month day-of-week) in <see cref="TimeZone"/> (an IANA name; UTC by default). <c>dotnet publish</c>
/// to one of those environments creates the schedule on its runner (Vertex AI schedules, KFP recurring runs), or
/// updates it to run the version just published; a schedule no longer declared is paused, never duplicated.
/// </summary>
/// <example><c>[Schedule("0 2 * * *", "staging,prod", TimeZone = "Europe/Paris", Parameters = ["threshold=0.7"])]</c></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ScheduleAttribute(string cron, string environments, [CallerFilePath] string declaredInFile = "", [CallerLineNumber] int declaredAtLine = 0) : Attribute
{
    public string Cron { get; } = cron;

    /// <summary>The environments it runs in, from the comma-separated list given (<c>"staging,prod"</c>).</summary>
    public IReadOnlyList<string> Environments { get; } = environments.Split(',', StringSplitOptions.TrimEntries);

    /// <summary>Tells the pipeline's schedules apart (default <c>schedule</c>); the runner shows <c>PIPELINE NAME</c>.</summary>
    public string Name { get; init; } = "schedule";

    public string? TimeZone { get; init; }

    /// <summary>The values of the scheduled runs' parameters, as <c>NAME=VALUE</c> (like <c>--param</c>).</summary>
    public string[] Parameters { get; init; } = [];

    public int MaxConcurrentRuns { get; init; } = 1;

    internal SourceLocation? DeclaredAt { get; } = declaredInFile.Length == 0 ? null : new SourceLocation(declaredInFile, declaredAtLine);
}
