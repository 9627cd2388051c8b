using System;
using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Mlops.Sdk.Tasks
{
    /// <summary>
    /// Runs the built pipeline program's <c>emit</c> verb out of the MSBuild process
    /// (<c>dotnet &lt;assembly&gt; emit ...</c>), so the team's assembly is never loaded, nor locked, by MSBuild.
    /// The program prints its diagnostics in MSBuild's canonical format
    /// (<c>file(line,col): error MLOPS1234: message</c>); <see cref="ToolTask"/> turns each such line into an
    /// MSBuild error or warning with its code, file and line, so they land in the IDE's error list.
    /// </summary>
    public sealed class EmitPipelines : ToolTask
    {
        /// <summary>The dotnet host: <c>$(DOTNET_HOST_PATH)</c>, or <c>dotnet</c> to look it up on PATH.</summary>
        [Required]
        public string DotnetHostPath { get; set; } = string.Empty;

        /// <summary>The built pipeline program (<c>$(TargetPath)</c>).</summary>
        [Required]
        public string AssemblyPath { get; set; } = string.Empty;

        /// <summary>The folder the IR YAML files are written to.</summary>
        [Required]
        public string OutputDirectory { get; set; } = string.Empty;

        /// <summary>Prefix of component image references: <c>&lt;ImageRepository&gt;/&lt;component&gt;:&lt;ImageTag&gt;</c>.</summary>
        [Required]
        public string ImageRepository { get; set; } = string.Empty;

        /// <summary>Tag of the component images.</summary>
        [Required]
        public string ImageTag { get; set; } = string.Empty;

        /// <summary>The project the errors of this task are reported on (default: the file that calls the task).</summary>
        public string ProjectFile { get; set; } = string.Empty;

        /// <summary>Component folders (item spec) with their short image name in the <c>Name</c> metadata.</summary>
        public ITaskItem[] Components { get; set; } = Array.Empty<ITaskItem>();

        /// <inheritdoc />
        protected override string ToolName => Path.GetFileName(DotnetHostPath);

        /// <inheritdoc />
        protected override string GenerateFullPathToTool() => DotnetHostPath;

        /// <inheritdoc />
        protected override string GenerateCommandLineCommands()
        {
            var builder = new CommandLineBuilder(quoteHyphensOnCommandLine: false, useNewLineSeparator: false);
            builder.AppendFileNameIfNotNull(AssemblyPath);
            builder.AppendSwitch("emit");
            builder.AppendSwitchIfNotNull("--output ", OutputDirectory);
            builder.AppendSwitchIfNotNull("--image-repository ", ImageRepository);
            builder.AppendSwitchIfNotNull("--image-tag ", ImageTag);
            foreach (var component in Components)
            {
                builder.AppendSwitchIfNotNull("--component ", component.GetMetadata("Name") + "=" + component.GetMetadata("FullPath"));
            }

            return builder.ToString();
        }

        /// <inheritdoc />
        protected override bool HandleTaskExecutionErrors()
        {
            // Exit code 1 comes with the diagnostics already logged from the program's output.
            if (ExitCode == 2)
            {
                // The program rejected the command line this SDK built: SDK and library disagree.
                LogError("MLOPS0010", $"The pipeline program '{AssemblyPath}' rejected the emit command line (exit code 2, see the output above): its Mlops.Pipelines does not match this Mlops.Sdk. Do not reference Mlops.Pipelines yourself or set MlopsPipelinesVersion (the SDK brings the matching version), then rebuild.");
                return false;
            }

            if (!Log.HasLoggedErrors)
            {
                // A crash (unhandled exception, killed process) rather than reported problems.
                LogError("MLOPS0013", $"The pipeline program '{AssemblyPath}' failed with exit code {ExitCode} without reporting a problem (see its output above, e.g. an exception thrown while pipelines were discovered). Fix the cause, or run it yourself: dotnet \"{AssemblyPath}\" emit --output <folder>.");
                return false;
            }

            return base.HandleTaskExecutionErrors();
        }

        private void LogError(string code, string message) =>
            Log.LogError(
                subcategory: null,
                errorCode: code,
                helpKeyword: null,
                file: string.IsNullOrEmpty(ProjectFile) ? BuildEngine.ProjectFileOfTaskNode : ProjectFile,
                lineNumber: 0,
                columnNumber: 0,
                endLineNumber: 0,
                endColumnNumber: 0,
                message: message);
    }
}
