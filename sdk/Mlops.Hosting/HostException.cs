namespace Mlops.Pipelines.Hosting;

/// <summary>A problem a verb reports as <c>error CODE: message</c> and exit code 1 (see docs/diagnostics-host.md).</summary>
internal sealed class HostException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
