namespace Mlops.Diagnostics;

public static partial class ErrorCodes
{
    /// <summary>MLOPS30xx: what a registry refused or could not do (docs/diagnostics-registries.md).</summary>
    public static partial class Registries
    {
        public const string TemplateVersionImmutable = "MLOPS3001";
        public const string PythonFileImmutable = "MLOPS3002";
        public const string NuGetVersionImmutable = "MLOPS3003";
        public const string NotFound = "MLOPS3004";
        public const string ContentDigestMismatch = "MLOPS3005";
        public const string InvalidPackageName = "MLOPS3006";
        public const string InvalidTagOrDigest = "MLOPS3007";
        public const string LockTimeout = "MLOPS3008";
        public const string InvalidWheel = "MLOPS3009";
        public const string InvalidNuGetPackage = "MLOPS3010";
        public const string FileToPushNotFound = "MLOPS3011";

        /// <summary>A version tag has a number with a leading zero (<c>6.0.01</c>), which no NuGet range resolves.</summary>
        public const string VersionNotNormalized = "MLOPS3012";

        /// <summary>A registry (or service) connection kept going silent: every try moved no byte for the stall timeout.</summary>
        public const string Stalled = "MLOPS3013";

        /// <summary>A component folder the local environment published was changed in place after it was published.</summary>
        public const string LocalComponentAltered = "MLOPS3014";
    }
}
