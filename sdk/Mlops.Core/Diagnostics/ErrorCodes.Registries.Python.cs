namespace Mlops.Diagnostics;

public static partial class ErrorCodes
{
    public static partial class Registries
    {
        /// <summary>MLOPS3050-3059: Python package repositories and NuGet feeds over HTTP (docs/diagnostics-registries.md).</summary>
        public static partial class Python
        {
            public const string Unauthorized = "MLOPS3050";
            public const string Forbidden = "MLOPS3051";
            public const string UploadRefused = "MLOPS3052";
            public const string IndexUnreadable = "MLOPS3053";
            public const string UploadNotListed = "MLOPS3054";
            public const string NuGetPushFailed = "MLOPS3055";
        }
    }
}
