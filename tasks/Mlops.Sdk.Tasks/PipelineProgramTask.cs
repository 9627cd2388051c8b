using System;
using System.IO;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Mlops.Sdk.Tasks
{
    /// <summary>
    /// Runs one verb of the built pipeline program out of the MSBuild process (<c>dotnet &lt;assembly&gt; VERB ...</c>),
    /// so the team's assembly and the engine's dependencies (its own NuGet, Docker client, ...) are never loaded
    /// by MSBuild. The program prints problems in MSBuild's canonical format (<c>file(line,col): error MLOPS1234: ...</c>),
    /// which <see cref="ToolTask"/> turns into errors and warnings with code, file and line for the IDE's error list.
    /// </summary>
    public abstract class PipelineProgramTask : ToolTask
    {
        /// <summary>The dotnet host: <c>$(DOTNET_HOST_PATH)</c>, or <c>dotnet</c> to look it up on PATH.</summary>
        [Required]
        public string DotnetHostPath { get; set; } = string.Empty;

        /// <summary>The built pipeline program (<c>$(TargetPath)</c>).</summary>
        [Required]
        public string AssemblyPath { get; set; } = string.Empty;

        /// <summary>The project the errors of this task are reported on (default: the file that calls the task).</summary>
        public string ProjectFile { get; set; } = string.Empty;

        /// <summary>The program's verb this task runs.</summary>
        protected abstract string Verb { get; }

        /// <inheritdoc />
        protected override string ToolName => Path.GetFileName(DotnetHostPath);

        /// <inheritdoc />
        protected override string GenerateFullPathToTool() => DotnetHostPath;

        /// <summary>The verb's options.</summary>
        protected abstract void AppendArguments(CommandLineBuilder builder);

        /// <inheritdoc />
        protected override string GenerateCommandLineCommands()
        {
            var builder = new CommandLineBuilder(quoteHyphensOnCommandLine: false, useNewLineSeparator: false);
            builder.AppendFileNameIfNotNull(AssemblyPath);
            builder.AppendSwitch(Verb);
            AppendArguments(builder);
            return builder.ToString();
        }

        private static readonly Regex ProblemWithoutLocation = new Regex(@"^(error|warning) (MLOPS\d{4}): (.*)$", RegexOptions.Compiled);

        /// <summary>
        /// Problems without a file (<c>error MLOPS2021: ...</c>) are reported on the project rather than on the
        /// tool's name, which is what MSBuild's canonical-format parser would name as their origin.
        /// </summary>
        protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
        {
            var match = ProblemWithoutLocation.Match(singleLine);
            if (!match.Success)
            {
                base.LogEventsFromTextOutput(singleLine, messageImportance);
                return;
            }
            var file = string.IsNullOrEmpty(ProjectFile) ? BuildEngine.ProjectFileOfTaskNode : ProjectFile;
            if (match.Groups[1].Value == "error")
            {
                Log.LogError(null, match.Groups[2].Value, null, file, 0, 0, 0, 0, match.Groups[3].Value);
            }
            else
            {
                Log.LogWarning(null, match.Groups[2].Value, null, file, 0, 0, 0, 0, match.Groups[3].Value);
            }
        }

        /// <inheritdoc />
        protected override bool HandleTaskExecutionErrors()
        {
            // Exit code 1 comes with the problems already logged from the program's output.
            if (ExitCode == 2)
            {
                // The program rejected the command line this SDK built: SDK and library disagree.
                LogError("MLOPS0010", $"The pipeline program '{AssemblyPath}' rejected the {Verb} command line (exit code 2, see the output above): its Mlops.Hosting does not match this Mlops.Sdk. Do not reference Mlops.Pipelines or Mlops.Hosting yourself or set MlopsPipelinesVersion (the SDK brings the matching version), then rebuild.");
                return false;
            }

            if (!Log.HasLoggedErrors)
            {
                // A crash (unhandled exception, killed process) rather than reported problems.
                LogError("MLOPS0013", $"The pipeline program '{AssemblyPath}' failed with exit code {ExitCode} without reporting a problem (see its output above). Fix the cause, or run it yourself: dotnet \"{AssemblyPath}\" {Verb} --help.");
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
