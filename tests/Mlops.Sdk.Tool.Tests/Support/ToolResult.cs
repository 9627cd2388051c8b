namespace Mlops.Sdk.Tool.Tests.Support;

/// <summary>What a run of the tool gave: its exit code and what it printed.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\n--- output\n{Output}--- error\n{Error}";
}
