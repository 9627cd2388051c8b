namespace Mlops.Diagnostics;

public static partial class ErrorCodes
{
    /// <summary>MLOPS3050-3059: Python package repositories and NuGet feeds over HTTP (docs/diagnostics-registries.md).</summary>
    public static partial class Registries
    {
        public const string PythonRepositoryUnauthorized = "MLOPS3050";
        public const string PythonRepositoryForbidden = "MLOPS3051";
        public const string PythonUploadRefused = "MLOPS3052";
        public const string PythonIndexUnreadable = "MLOPS3053";
        public const string PythonUploadNotListed = "MLOPS3054";
        public const string NuGetFeedFailed = "MLOPS3055";
        public const string PythonDownloadNotVerified = "MLOPS3056";
    }
}
