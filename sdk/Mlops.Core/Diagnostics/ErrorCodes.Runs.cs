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
        public const string TemplateNotPublished = "MLOPS6081";
        public const string TrainingOutsideTrainingEnvironment = "MLOPS6082";
        public const string RunFailed = "MLOPS6083";
        public const string RunCancelled = "MLOPS6084";
        public const string RunVanished = "MLOPS6085";
        public const string UnknownRunnerKind = "MLOPS6086";
        public const string AmbiguousTrainingEnvironment = "MLOPS6087";
        public const string SecretRunParameter = "MLOPS6088";
    }
}
