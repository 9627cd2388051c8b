namespace Mlops.Diagnostics;

public static partial class ErrorCodes
{
    // MLOPS3040-3049: KFP-format registries over HTTP, Artifact Registry's and others (docs/diagnostics-registries.md).
    // Directly in Registries: ErrorCodes.All() reads the fields of ErrorCodes' own nested types only.
    public static partial class Registries
    {
        public const string KfpUnauthorized = "MLOPS3040";
        public const string KfpForbidden = "MLOPS3041";
        public const string KfpRepositoryNotFound = "MLOPS3042";
        public const string KfpRequestFailed = "MLOPS3043";
        public const string KfpUnexpectedAnswer = "MLOPS3044";
        public const string KfpInvalidRepositoryUrl = "MLOPS3045";
    }
}
