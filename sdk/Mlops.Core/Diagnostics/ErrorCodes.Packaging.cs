namespace Mlops.Diagnostics;

public static partial class ErrorCodes
{
    /// <summary>MLOPS31xx: a model that cannot be packaged as asked (docs/diagnostics-registries.md).</summary>
    public static class Packaging
    {
        public const string InvalidDistributionName = "MLOPS3101";
        public const string VersionNotPep440 = "MLOPS3102";
        public const string InvalidImportName = "MLOPS3103";
        public const string ModelFileNotFound = "MLOPS3104";
        public const string ModelFileDoesNotMatchCard = "MLOPS3105";
        public const string ReservedModelFileName = "MLOPS3106";
        public const string InvalidModelCard = "MLOPS3107";
        public const string InvalidNuGetPackageId = "MLOPS3110";
        public const string InvalidNuGetVersion = "MLOPS3111";
        public const string MissingNuGetMetadata = "MLOPS3112";
    }
}
