using Mlops.Pipelines.Yaml;

namespace Mlops.Pipelines.Tests.BadInput;

/// <summary>Texts built to break a YAML reader: alias bombs, deep nesting, oversize documents, and a small IR to mutate.</summary>
internal static class HostileYaml
{
    /// <summary>The classic "billion laughs": each level's anchor is a list of <paramref name="width"/> aliases of the one before.</summary>
    public static string AliasBomb(int levels, int width, string firstLine = "")
    {
        var lines = new List<string> { firstLine, $"l0: &l0 [{string.Join(", ", Enumerable.Repeat("lol", width))}]" };
        for (var i = 1; i <= levels; i++)
        {
            lines.Add($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", width))}]");
        }
        return string.Join("\n", lines.Where(l => l.Length > 0)) + "\n";
    }

    public static string DeepFlow(int depth) => "pipelineInfo: {name: deep}\nroot: " + new string('[', depth) + new string(']', depth) + "\n";

    public static string DeepBlockMapping(int depth) =>
        "pipelineInfo:\n  name: deep\nroot:\n" + string.Concat(Enumerable.Range(1, depth).Select(i => new string(' ', 2 * i) + $"k{i}:\n")) + new string(' ', 2 * depth + 2) + "leaf: 1\n";

    public static string DeepBlockSequence(int depth) => "root:\n  " + string.Concat(Enumerable.Repeat("- ", depth)) + "x\n";

    /// <summary>A document of well over <see cref="YamlLimits.MaxDocumentBytes"/>: one long comment after a valid header.</summary>
    public static string Huge() => "pipelineInfo: {name: huge}\n# " + new string('x', (int)YamlLimits.MaxDocumentBytes) + "\n";

    /// <summary>
    /// A valid two-task IR; <paramref name="a"/> and <paramref name="b"/> are extra lines of tasks a and b (at the task's
    /// key indentation plus two), <paramref name="extra"/> is appended under <c>components:</c>.
    /// </summary>
    public static string IrText(string a = "", string b = "", string extra = "", string executors = DefaultExecutors) => $"""
        components:
          comp-a:
            executorLabel: exec-a
            outputDefinitions:
              parameters:
                out: {"{parameterType: STRING}"}
          comp-b:
            executorLabel: exec-b
            inputDefinitions:
              parameters:
                x: {"{parameterType: STRING, isOptional: true}"}
        {extra}
        deploymentSpec:
          executors:
        {executors}
        pipelineInfo:
          name: two-tasks
        root:
          dag:
            tasks:
              a:
                componentRef:
                  name: comp-a
                taskInfo:
                  name: a
        {a}
              b:
                componentRef:
                  name: comp-b
                taskInfo:
                  name: b
        {b}
        schemaVersion: 2.1.0
        sdkVersion: kfp-2.7.0

        """.Replace("\n\n", "\n").Replace("\n\n", "\n");

    public const string DefaultExecutors = """
            exec-a:
              container:
                image: python:3.11
            exec-b:
              container:
                image: python:3.11
        """;

    /// <summary>The 1-based line of the first line of <paramref name="text"/> that, trimmed, is <paramref name="line"/>.</summary>
    public static int LineOf(string text, string line) =>
        text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Trim() == line).i + 1;
}
