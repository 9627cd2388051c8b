namespace Mlops.Diagnostics;

public static partial class ErrorCodes
{
    /// <summary>MLOPS6030–6059: runs and recurring runs on a Kubeflow Pipelines backend, REST v2beta1 (docs/diagnostics-runs.md).</summary>
    public static class KfpBackend
    {
        public const string NotKfpRunner = "MLOPS6030";
        public const string Unauthorized = "MLOPS6031";
        public const string Forbidden = "MLOPS6032";
        public const string Unreachable = "MLOPS6033";
        public const string RequestRefused = "MLOPS6034";
        public const string RequestFailed = "MLOPS6035";
        public const string UnexpectedAnswer = "MLOPS6036";
        public const string PipelineNotFound = "MLOPS6037";
        public const string RunNotFound = "MLOPS6038";
        public const string TemplateDigestMissing = "MLOPS6039";
        public const string TokenFileUnreadable = "MLOPS6040";
        public const string ScheduleTimeZoneNotUtc = "MLOPS6041";
        public const string ScheduleCronInvalid = "MLOPS6042";
        public const string ScheduleConcurrencyOutOfRange = "MLOPS6043";
        public const string ScheduleNotFound = "MLOPS6044";
    }
}
