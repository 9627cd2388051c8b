using System.Globalization;
using System.Text;
using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Publishing.Images;

namespace Mlops.Publishing.Ledger;

/// <summary>
/// The table <c>releases</c> prints: per environment the live entry of its ledger, with its artifacts' digests
/// shortened to 12 hex digits (<c>prepare@3f2a…</c>); an environment without a ledger, or with nothing recorded, says so.
/// </summary>
public static class LiveReleaseTable
{
    public static readonly string[] Columns = ["environment", "version", "from", "published at", "by", "approval", "digests"];

    /// <summary>Each environment's live ledger entry, read from its own image registry.</summary>
    public static async Task<IReadOnlyList<(string Environment, LedgerEntry? Live, string? NoLedger)>> ReadAsync(IEnumerable<MlopsEnvironment> environments,
        string packageId, CancellationToken cancellationToken)
    {
        var rows = new List<(string, LedgerEntry?, string?)>();
        foreach (var environment in environments)
        {
            if (environment.Registries.Images is not OciImageRegistry images)
            {
                rows.Add((environment.Name, null, "no ledger (no OCI image registry)"));
                continue;
            }
            try
            {
                rows.Add((environment.Name, await ReleaseLedger.Of(images, packageId).LiveAsync(cancellationToken), null));
            }
            catch (MlopsException e)
            {
                // One unreachable environment must not hide what the others run.
                rows.Add((environment.Name, null, $"unreadable: {e.Code}"));
            }
        }
        return rows;
    }

    /// <param name="rows">Environment → its live entry (null: nothing recorded) or why it has no ledger.</param>
    public static string Format(IReadOnlyList<(string Environment, LedgerEntry? Live, string? NoLedger)> rows)
    {
        var cells = rows.Select(r => r.Live is { } live ? Cells(r.Environment, live) : [r.Environment, "-", r.NoLedger ?? "nothing recorded", "", "", "", ""]).ToList();
        var widths = Columns.Select((c, i) => cells.Select(row => row[i].Length).Append(c.Length).Max()).ToArray();
        var text = new StringBuilder();
        Line(text, Columns, widths);
        Line(text, widths.Select(w => new string('-', w)).ToArray(), widths);
        cells.ForEach(row => Line(text, row, widths));
        return text.ToString();
    }

    private static string[] Cells(string environment, LedgerEntry live) =>
    [
        environment,
        live.Version,
        live.Kind switch
        {
            LedgerEntry.Rollback => $"rollback from {live.RolledBackFrom ?? "?"}",
            _ => live.SourceEnvironment ?? "published",
        },
        live.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture),
        live.PublishedBy,
        live.Approval?.Approver ?? "-",
        string.Join(" ", live.Pipelines.Concat(live.Images).Concat(live.Wheels).Select(a => $"{ShortName(a.Key)}@{Short(a.Value)}")),
    ];

    private static string ShortName(string artifact) => artifact[(artifact.LastIndexOf('/') + 1)..];

    private static string Short(string digest) => ContentDigest.TryParse(digest, out var parsed) ? parsed.Hex[..12] : digest;

    private static void Line(StringBuilder text, string[] cells, int[] widths) =>
        text.AppendLine(string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
}
