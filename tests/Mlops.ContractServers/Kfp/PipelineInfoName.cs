using System.Text;

namespace Mlops.ContractServers.Kfp;

/// <summary>
/// The package name Artifact Registry gives an uploaded template: its <c>pipelineInfo.name</c>. Read from the YAML's
/// top-level <c>pipelineInfo:</c> block, which is how KFP writes the IR; a multi-document file is refused as Vertex refuses it.
/// </summary>
public static class PipelineInfoName
{
    /// <summary>The name, or null with <paramref name="why"/> saying what is wrong with the file.</summary>
    public static string? Read(byte[] yaml, out string why)
    {
        var lines = Encoding.UTF8.GetString(yaml).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var sawContent = false;
        string? name = null;
        var inPipelineInfo = false;
        foreach (var line in lines)
        {
            if (line.TrimEnd() == "---" || line.StartsWith("--- ", StringComparison.Ordinal))
            {
                if (sawContent)
                {
                    why = "the file holds more than one YAML document; upload the PipelineSpec alone";
                    return null;
                }
                continue;
            }
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }
            sawContent = true;
            if (!char.IsWhiteSpace(line[0]))
            {
                inPipelineInfo = line.TrimEnd() == "pipelineInfo:";
                continue;
            }
            if (inPipelineInfo && name is null && line.TrimStart().StartsWith("name:", StringComparison.Ordinal)
                && line.Length - line.TrimStart().Length == IndentOf(lines, line))
            {
                name = line.TrimStart()["name:".Length..].Trim().Trim('"', '\'');
            }
        }
        why = name is { Length: > 0 } ? "" : "the file has no pipelineInfo.name; upload a compiled KFP pipeline (IR YAML)";
        return name is { Length: > 0 } ? name : null;
    }

    // The first indented line of the block sets its indentation; only a key at that level is pipelineInfo's own.
    private static int IndentOf(string[] lines, string line)
    {
        var start = Array.FindIndex(lines, l => l.TrimEnd() == "pipelineInfo:");
        var first = lines.Skip(start + 1).First(l => l.Trim().Length > 0);
        return first.Length - first.TrimStart().Length;
    }
}
