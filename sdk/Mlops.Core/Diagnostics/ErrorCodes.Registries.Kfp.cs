namespace Mlops.Diagnostics;

public static partial class ErrorCodes
{
    public static partial class Registries
    {
        /// <summary>MLOPS3040-3049: KFP-format registries over HTTP, Artifact Registry's and others (docs/diagnostics-registries.md).</summary>
        public static partial class Kfp
        {
            public const string Unauthorized = "MLOPS3040";
            public const string Forbidden = "MLOPS3041";
            public const string RepositoryNotFound = "MLOPS3042";
            public const string RequestFailed = "MLOPS3043";
            public const string UnexpectedAnswer = "MLOPS3044";
            public const string InvalidRepositoryUrl = "MLOPS3045";
        }
    }
}
