using System.Globalization;
using System.Text;
using Mlops.Backends;

namespace Mlops.Publishing.Runs;

/// <summary>The table <c>runs -e ENV</c> prints: one line per run, newest first, with its state and duration.</summary>
public static class RunsTable
{
    public static string Format(IReadOnlyList<PipelineRunStatus> runs, string environment)
    {
        if (runs.Count == 0)
        {
            return $"No runs in {environment}.{Environment.NewLine}";
        }
        string[] header = ["RUN", "PIPELINE", "STATE", "CREATED (UTC)", "DURATION"];
        var rows = runs.Select(r => new[]
        {
            r.RunId, r.Pipeline, r.State.ToString(),
            r.Created.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            r.Duration is { } d ? Duration(d) : "-",
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(header))
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }
        return text.ToString();
    }

    private static string Duration(TimeSpan d) =>
        d.TotalHours >= 1 ? $"{(int)d.TotalHours}h{d.Minutes:00}m" : d.TotalMinutes >= 1 ? $"{d.Minutes}m{d.Seconds:00}s" : $"{d.TotalSeconds:0.0}s";
}
