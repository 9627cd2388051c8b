using System.Text;

namespace Mlops.ContractServers.KfpBackend;

/// <summary>
/// The task names of a PipelineSpec's root DAG (<c>root: dag: tasks: NAME:</c>), read from the IR YAML as KFP
/// writes it (block style, two-space indents): what a run's <c>run_details.task_details</c> reports.
/// </summary>
public static class RootDagTasks
{
    public static IReadOnlyList<string> Read(byte[] yaml)
    {
        var lines = Encoding.UTF8.GetString(yaml).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .ToList();
        var path = new[] { "root:", "dag:", "tasks:" };
        var indent = -1;
        var at = 0;
        for (var depth = 0; depth < path.Length; depth++)
        {
            at = lines.FindIndex(at, l => Indent(l) > indent && l.Trim() == path[depth] && (depth > 0 || Indent(l) == 0));
            if (at < 0)
            {
                return [];
            }
            indent = Indent(lines[at]);
            at++;
        }
        var tasks = new List<string>();
        var taskIndent = at < lines.Count ? Indent(lines[at]) : -1;
        for (; at < lines.Count && Indent(lines[at]) > indent; at++)
        {
            if (Indent(lines[at]) == taskIndent && lines[at].TrimEnd().EndsWith(':'))
            {
                tasks.Add(lines[at].Trim().TrimEnd(':').Trim('"', '\''));
            }
        }
        return tasks;
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;
}
