namespace Mlops.Diagnostics;

public static partial class ErrorCodes
{
    /// <summary>MLOPS1xxx: problems in a team's pipelines, components and loaded IR files (docs/diagnostics.md).</summary>
    public static class Pipelines
    {
        public const string InvalidPipelineName = "MLOPS1001";
        public const string DuplicatePipelineName = "MLOPS1002";
        public const string PipelineNotConstructible = "MLOPS1003";
        public const string PipelineBuildFailed = "MLOPS1004";
        public const string EmptyPipeline = "MLOPS1005";
        public const string BuildRecursionTooDeep = "MLOPS1006";

        public const string MissingRequiredInput = "MLOPS1010";
        public const string UnknownInput = "MLOPS1011";
        public const string ParameterArtifactMismatch = "MLOPS1012";
        public const string ArtifactTypeMismatch = "MLOPS1013";
        public const string ParameterTypeMismatch = "MLOPS1014";
        public const string UnknownOutput = "MLOPS1015";
        public const string ForeignValue = "MLOPS1016";

        public const string DuplicateTaskName = "MLOPS1020";
        public const string InvalidTaskName = "MLOPS1021";
        public const string DuplicateIoName = "MLOPS1022";
        public const string ComponentReused = "MLOPS1023";
        public const string InvalidComponentDeclaration = "MLOPS1024";

        public const string ConditionOnArtifact = "MLOPS1030";
        public const string ConditionOnCollection = "MLOPS1031";
        public const string LoopOverNonList = "MLOPS1032";
        public const string LoopOutputNotCollected = "MLOPS1033";
        public const string OutputEscapesGroup = "MLOPS1034";
        public const string ExitTaskUsesTaskOutput = "MLOPS1035";
        public const string ControlFlowOutsideBuild = "MLOPS1036";
        public const string ExitHandlerNotAtRoot = "MLOPS1037";
        public const string LoopItemOutsideLoop = "MLOPS1038";

        public const string UndeclaredImage = "MLOPS1040";
        public const string InvalidResource = "MLOPS1041";
        public const string InvalidRetry = "MLOPS1042";
        public const string PipelineOutputNotSet = "MLOPS1043";
        public const string InvalidPlaceholderUse = "MLOPS1044";

        public const string FileNotFound = "MLOPS1050";
        public const string InvalidYaml = "MLOPS1051";
        public const string NotAnIrDocument = "MLOPS1052";
        public const string UnsupportedSchemaVersion = "MLOPS1053";
        public const string NotAComponent = "MLOPS1054";
        public const string PlatformSpecNotCarried = "MLOPS1055";

        public const string SubPipelineNotRestored = "MLOPS1060";
        public const string SubPipelineDigestMismatch = "MLOPS1061";

        public const string YamlTooLarge = "MLOPS1070";
        public const string YamlTooDeep = "MLOPS1071";
        public const string YamlAliasExpansion = "MLOPS1072";
        public const string RecursiveYamlAlias = "MLOPS1073";
        public const string IrDanglingReference = "MLOPS1074";
        public const string IrDependencyCycle = "MLOPS1075";
        public const string DependencyCycle = "MLOPS1076";

        public const string InvalidScheduleCron = "MLOPS1090";
        public const string UnknownScheduleTimeZone = "MLOPS1091";
        public const string ScheduleWithoutEnvironment = "MLOPS1092";
        public const string InvalidScheduleParameter = "MLOPS1093";
        public const string DuplicateScheduleName = "MLOPS1094";
        public const string SecretInIr = "MLOPS1095";
        public const string InvalidEnvironmentVariableName = "MLOPS1096";
    }
}
