namespace Mlops.Packaging;

/// <summary>The stable codes of packaging errors. docs/diagnostics-registries.md explains each one; never reuse a code.</summary>
public static class PackagingErrorCodes
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
