namespace Mlops.Diagnostics;

public static partial class ErrorCodes
{
    /// <summary>
    /// MLOPS2xxx: what a verb was asked to do (the program's run, the tool's pack-model and publish) and could not
    /// (docs/diagnostics-host.md).
    /// </summary>
    public static class Host
    {
        public const string UnknownParameter = "MLOPS2001";
        public const string ParameterTypeMismatch = "MLOPS2002";
        public const string MissingParameter = "MLOPS2003";
        public const string PipelineNotCompiled = "MLOPS2004";
        public const string ParameterNotNameValue = "MLOPS2005";
        public const string InvalidParallelism = "MLOPS2006";
        public const string RunFailed = "MLOPS2010";

        public const string NoTrainingPipeline = "MLOPS2020";
        public const string NoSucceededRun = "MLOPS2021";
        public const string RemoteModelUnsupported = "MLOPS2022";
        public const string ModelOutputIsFolder = "MLOPS2023";
        public const string VersionNotNuGet = "MLOPS2024";
        public const string NoModelPublished = "MLOPS2025";

        public const string UnknownEnvironment = "MLOPS2030";
        public const string ContainerEngineUnreachable = "MLOPS2031";
        public const string ImageBuildFailed = "MLOPS2032";
        public const string NoCompiledPipelines = "MLOPS2033";
        public const string DockerHostNotAUrl = "MLOPS2034";
        public const string ImageNotPinned = "MLOPS2035";
        public const string NoContainerEngineForImages = "MLOPS2036";
        public const string ReleaseFileInvalid = "MLOPS2037";

        public const string ReleaseNotInSource = "MLOPS2040";
        public const string PromotionConflict = "MLOPS2041";
        public const string PromotionNeedsOciRegistries = "MLOPS2042";
        public const string TrainingOutsideTrainingEnvironment = "MLOPS2043";
        public const string ApprovalRequired = "MLOPS2044";
        public const string ApprovalForOtherRelease = "MLOPS2045";
        public const string NotPassedInSource = "MLOPS2046";
        public const string RollbackVersionNotInLedger = "MLOPS2047";
        public const string LedgerEntryDiffers = "MLOPS2048";
        public const string LedgerEntryInvalid = "MLOPS2049";
        public const string SdkToolNotFound = "MLOPS2050";
        public const string HomeNotAFolder = "MLOPS2051";
    }
}
