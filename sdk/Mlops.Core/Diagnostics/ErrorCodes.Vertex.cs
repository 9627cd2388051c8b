namespace Mlops.Diagnostics;

public static partial class ErrorCodes
{
    /// <summary>MLOPS6001–6029: Vertex AI Pipelines jobs and schedules (docs/diagnostics-runs.md).</summary>
    public static class Vertex
    {
        public const string NoProjectOrRegion = "MLOPS6001";
        public const string NoPipelineRoot = "MLOPS6002";
        public const string TemplateNotPinned = "MLOPS6003";
        public const string TemplateDigestMismatch = "MLOPS6004";
        public const string InvalidJobId = "MLOPS6005";
        public const string InvalidDisplayName = "MLOPS6006";
        public const string InvalidLabel = "MLOPS6007";
        public const string UnreadableIr = "MLOPS6008";
        public const string Unauthenticated = "MLOPS6009";
        public const string PermissionDenied = "MLOPS6010";
        public const string NotFound = "MLOPS6011";
        public const string InvalidArgument = "MLOPS6012";
        public const string RequestFailed = "MLOPS6013";
        public const string UnexpectedAnswer = "MLOPS6014";
        public const string JobIdTaken = "MLOPS6015";
        public const string InvalidSchedule = "MLOPS6016";
        public const string InvalidRunName = "MLOPS6017";
    }
}
