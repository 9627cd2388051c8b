namespace Mlops.ContractServers.Vertex;

/// <summary>How a test makes a task of the next jobs fail: its container exits with <paramref name="ExitCode"/> and Vertex AI's message.</summary>
public sealed record TaskFailure(string TaskName, int ExitCode, string Reason = "Error")
{
    /// <summary>The task's error message as Vertex AI words it for a custom job whose container exited non-zero.</summary>
    public string Message =>
        $"The replica workerpool0-0 exited with a non-zero status of {ExitCode}. Termination reason: {Reason}. " +
        "To find out more about why your job exited please check the logs.";
}
