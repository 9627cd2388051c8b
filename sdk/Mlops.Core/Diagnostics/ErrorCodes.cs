using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Mlops.Diagnostics;

/// <summary>
/// Every MLOPS code, defined once, in ranges per area: 0xxx the SDK's properties and tasks, 1xxx pipelines,
/// 2xxx verbs, 30xx registries, 31xx packaging, 4xxx restore, 5xxx environments, 6xxx remote runs (submit, follow, schedules, the model of a remote run). A code is never reused for another problem; each has
/// its section in the area's page under docs/ (see <see cref="DocsPage"/>), which the SDK package carries.
/// </summary>
public static partial class ErrorCodes
{
    /// <summary>Every code of the catalog, by its constant's area and name.</summary>
    public static IReadOnlyList<(string Area, string Name, string Code)> All() =>
        typeof(ErrorCodes).GetNestedTypes()
            .SelectMany(area => area.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (area.Name, f.Name, (string)f.GetRawConstantValue()!)))
            .ToList();

    /// <summary>The page of docs/ that explains <paramref name="code"/>, by its range; null for a code outside the ranges.</summary>
    public static string? DocsPage(string code) =>
        code.Length == 9 && code.StartsWith("MLOPS", StringComparison.Ordinal)
            ? code[5] switch
            {
                '0' => "diagnostics-sdk.md",
                '1' => "diagnostics.md",
                '2' => "diagnostics-host.md",
                '3' => "diagnostics-registries.md",
                '4' => "diagnostics-restore.md",
                '5' => "diagnostics-environments.md",
                '6' => "diagnostics-runs.md",
                _ => null,
            }
            : null;

    /// <summary>The anchor of a code's section in its page: the code in lower case.</summary>
    public static string Anchor(string code) => code.ToLowerInvariant();

    /// <summary>The help link of <paramref name="code"/> in the docs folder <paramref name="docsFolder"/>, as a file URI; null when there is none.</summary>
    public static string? HelpLink(string code, string? docsFolder) =>
        docsFolder is not null && DocsPage(code) is { } page && File.Exists(Path.Combine(docsFolder, page))
            ? new Uri(Path.Combine(docsFolder, page)).AbsoluteUri + "#" + Anchor(code)
            : null;
}
