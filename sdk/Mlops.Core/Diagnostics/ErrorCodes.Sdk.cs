namespace Mlops.Diagnostics;

public static partial class ErrorCodes
{
    /// <summary>
    /// MLOPS0xxx: a project's MSBuild properties and items, and the SDK's tasks (docs/diagnostics-sdk.md). The targets
    /// raise most of them with &lt;Error Code="..."&gt;; the catalog test checks that those codes are the ones here.
    /// </summary>
    public static class Sdk
    {
        public const string InvalidImageRepository = "MLOPS0001";
        public const string InvalidImageTag = "MLOPS0002";
        public const string InvalidComponentName = "MLOPS0003";
        public const string ComponentFolderMissing = "MLOPS0004";
        public const string DuplicateComponentName = "MLOPS0005";
        public const string OutputTypeNotExe = "MLOPS0006";
        public const string NotABoolean = "MLOPS0008";

        public const string ProgramRejectedCommandLine = "MLOPS0010";
        public const string NoTestProject = "MLOPS0011";
        public const string TestsFailed = "MLOPS0012";
        public const string ProgramFailedSilently = "MLOPS0013";
        public const string ToolRejectedCommandLine = "MLOPS0014";
        public const string ToolFailedSilently = "MLOPS0015";
        public const string EmitIncomplete = "MLOPS0016";

        public const string TemplateWithoutVersionToken = "MLOPS0020";
        public const string TemplateWithBackslash = "MLOPS0021";

        public const string EnvironmentMissing = "MLOPS0030";
        public const string EnvironmentFromVariable = "MLOPS0031";
        public const string ModelFromFromVariable = "MLOPS0032";
        public const string ReleasesWithoutEnvironmentsFile = "MLOPS0033";
    }
}
