using System.Text;
using Mlops.Diagnostics;
using Mlops.Restore.Tests.Support;

namespace Mlops.Restore.Tests.BadInput;

/// <summary>
/// The restore's rows of the bad-input corpus: a sub-pipeline whose published IR is hostile, huge, broken or cyclic is
/// MLOPS4040 carrying the reader's own code (MLOPS105x, MLOPS107x), never a crash, a hang or a stack trace, and nothing
/// is generated for it.
/// </summary>
public sealed class PublishedIrBadInputTests
{
    /// <summary>A one-task IR in flow style; <paramref name="task"/> is spliced into the task's mapping.</summary>
    private static string Spec(string task = "") =>
        "pipelineInfo: {name: scoring}\nschemaVersion: 2.1.0\n"
        + "components: {comp-score: {executorLabel: exec-score}}\n"
        + "deploymentSpec: {executors: {exec-score: {container: {image: 'python:3.11'}}}}\n"
        + $"root: {{dag: {{tasks: {{score: {{componentRef: {{name: comp-score}}, taskInfo: {{name: score}}{task}}}}}}}}}\n";

    public static TheoryData<string, string, string> Cases() => new()
    {
        { "self-referencing alias", "a: &a [*a]\n", ErrorCodes.Pipelines.RecursiveYamlAlias },
        { "alias bomb", "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + string.Concat(Enumerable.Range(1, 8).Select(i => $"{(char)('a' + i)}: &{(char)('a' + i)} [{string.Join(",", Enumerable.Repeat($"*{(char)('a' + i - 1)}", 10))}]\n")), ErrorCodes.Pipelines.YamlAliasExpansion },
        { "nesting 300 deep", "root: " + new string('[', 300) + new string(']', 300) + "\n", ErrorCodes.Pipelines.YamlTooDeep },
        { "larger than 32 MiB", "# " + new string('x', 32 * 1024 * 1024) + "\n", ErrorCodes.Pipelines.YamlTooLarge },
        { "truncated", Spec()[..^20], ErrorCodes.Pipelines.InvalidYaml },
        { "a mistyped field", Spec().Replace("name: scoring", "name: [scoring]"), ErrorCodes.Pipelines.NotAnIrDocument },
        { "a dependency on a missing task", Spec(", dependentTasks: [train]"), ErrorCodes.Pipelines.IrDanglingReference },
        { "a task that waits for itself", Spec(", dependentTasks: [score]"), ErrorCodes.Pipelines.IrDependencyCycle },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_published_IR_is_MLOPS4040_with_the_reader_s_code(string name, string ir, string innerCode)
    {
        Assert.NotEmpty(name);
        using var registry = new TestRegistry();
        await registry.PublishBytesAsync("scoring", Encoding.UTF8.GetBytes(ir), "1.0.0");

        var result = await registry.RestoreAsync(new SubPipelineReference("scoring", "1.0.0"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ErrorCodes.Restore.InvalidIr, diagnostic.Code);
        Assert.Contains($"{innerCode}: 'scoring@1.0.0'", diagnostic.Message);
        Assert.Contains("Reference another version, or ask its team to republish it", diagnostic.Message);
        Assert.DoesNotContain("   at ", diagnostic.ToCanonicalString());
        Assert.DoesNotMatch(@"\b[A-Z]\w*(Exception|Error)\b|System\.", diagnostic.ToCanonicalString());
    }

    [Fact]
    public async Task The_spec_the_rows_break_restores()
    {
        using var registry = new TestRegistry();
        await registry.PublishBytesAsync("scoring", Encoding.UTF8.GetBytes(Spec()), "1.0.0");

        var result = await registry.RestoreAsync(new SubPipelineReference("scoring", "1.0.0"));

        Assert.Empty(result.Diagnostics);
    }
}
