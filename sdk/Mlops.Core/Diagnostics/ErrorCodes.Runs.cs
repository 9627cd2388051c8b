namespace Mlops.Diagnostics;

public static partial class ErrorCodes
{
    /// <summary>
    /// MLOPS608x–609x: submitting a published pipeline to an environment's runner, following it, listing runs,
    /// reconciling schedules, packing the model of a remote run (docs/diagnostics-runs.md). The backends' own codes
    /// are <see cref="Vertex"/> (600x–602x), <see cref="KfpBackend"/> (603x–605x) and <see cref="Storage"/> (606x–607x).
    /// </summary>
    public static class Runs
    {
        public const string NoRunner = "MLOPS6080";
    }
}
