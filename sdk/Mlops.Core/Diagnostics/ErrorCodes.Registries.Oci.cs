namespace Mlops.Diagnostics;

public static partial class ErrorCodes
{
    public static partial class Registries
    {
        /// <summary>MLOPS3020–3039: OCI distribution registries (component images).</summary>
        public const string OciUnauthorized = "MLOPS3020";
        public const string OciDenied = "MLOPS3021";
        public const string OciRequestFailed = "MLOPS3022";
        public const string OciDigestMismatch = "MLOPS3023";
        public const string OciUnreachable = "MLOPS3024";
        public const string OciImageExportFailed = "MLOPS3025";
        public const string OciSourceContentMismatch = "MLOPS3026";
        public const string OciSourceManifestMissing = "MLOPS3027";
        public const string OciManifestTypeUnsupported = "MLOPS3028";
        public const string OciBlobReadInterrupted = "MLOPS3029";
    }
}
