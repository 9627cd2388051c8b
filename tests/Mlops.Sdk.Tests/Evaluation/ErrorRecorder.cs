using Microsoft.Build.Framework;

namespace Mlops.Sdk.Tests.Evaluation;

/// <summary>An MSBuild logger that keeps the codes of the errors a target run logged.</summary>
internal sealed class ErrorRecorder : ILogger
{
    public List<string> Codes { get; } = [];

    public LoggerVerbosity Verbosity { get; set; } = LoggerVerbosity.Quiet;

    public string? Parameters { get; set; }

    public void Initialize(IEventSource eventSource) => eventSource.ErrorRaised += (_, e) => Codes.Add(e.Code);

    public void Shutdown()
    {
    }
}
