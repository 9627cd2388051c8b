using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Mlops.Diagnostics;

namespace Mlops.Sdk.Tasks
{
    /// <summary>
    /// Runs one verb of a .NET program out of the MSBuild process (<c>dotnet &lt;program.dll&gt; VERB ...</c>, or the program
    /// itself when it is a native executable), so that the
    /// program and its dependencies (its own NuGet, Docker client, the team's assembly...) are never loaded by MSBuild. The
    /// program prints problems in MSBuild's canonical format (<c>file(line,col): error MLOPS1040: ...</c>), which
    /// <see cref="ToolTask"/> turns into errors and warnings with code, file and line for the IDE's error list; problems
    /// without a file are reported on the project.
    /// </summary>
    public abstract class DotnetVerbTask : ToolTask
    {
        /// <summary>The dotnet host: <c>$(DOTNET_HOST_PATH)</c>, or <c>dotnet</c> to look it up on PATH.</summary>
        [Required]
        public string DotnetHostPath { get; set; } = string.Empty;

        /// <summary>The project the errors of this task are reported on (default: the file that calls the task).</summary>
        public string ProjectFile { get; set; } = string.Empty;

        /// <summary>The program: a <c>.dll</c> the dotnet host runs, or a native executable that runs by itself.</summary>
        protected abstract string ProgramPath { get; }

        /// <summary>The program that runs: <see cref="ProgramPath"/>, or its portable build when the native one cannot run here.</summary>
        private string RunningProgram => portableFallback ?? ProgramPath;

        /// <summary>Whether the program is a managed assembly that needs the dotnet host (anything else starts directly).</summary>
        private bool RunsOnDotnetHost => RunningProgram.EndsWith(".dll", System.StringComparison.OrdinalIgnoreCase);

        private string? portableFallback;
        private string? nativeLoaderError;

        /// <summary>
        /// The dynamic loader refusing a native program: a C library older than the one it was linked against (the SDK's
        /// native tool needs glibc 2.34, so RHEL 8 or Ubuntu 20.04 cannot run it), or a binary of another platform.
        /// </summary>
        private static readonly Regex NativeLoaderError = new Regex(
            @"version `GLIBC_[0-9.]+' not found|error while loading shared libraries|cannot execute binary file|Exec format error",
            RegexOptions.Compiled);

        /// <inheritdoc />
        public override bool Execute()
        {
            var succeeded = base.Execute();
            if (succeeded || nativeLoaderError is null || portableFallback is not null || PortableBuildOf(ProgramPath) is not { } portable)
            {
                return succeeded;
            }
            // The SDK package carries the same tool portable (tools/net10.0/ beside tools/<rid>/): run that instead.
            Log.LogMessage(MessageImportance.High, $"{ProgramPath} cannot run on this machine ({nativeLoaderError.Trim()}); running {portable} on the dotnet host instead (-p:MlopsUseNativeSdkTool=false skips the native tool).");
            portableFallback = portable;
            nativeLoaderError = null;
            return base.Execute();
        }

        /// <summary>The portable build beside a native tool of the SDK package (<c>tools/&lt;rid&gt;/X</c> → <c>tools/net10.0/X.dll</c>), if there is one.</summary>
        private static string? PortableBuildOf(string program)
        {
            if (program.EndsWith(".dll", System.StringComparison.OrdinalIgnoreCase) || Path.GetDirectoryName(Path.GetDirectoryName(program)) is not { } tools)
            {
                return null;
            }
            var name = Path.GetFileName(program);
            if (name.EndsWith(".exe", System.StringComparison.OrdinalIgnoreCase))
            {
                name = name.Substring(0, name.Length - ".exe".Length);
            }
            // Not GetFileNameWithoutExtension: "Mlops.Sdk.Tool" has no extension.
            var portable = Path.Combine(tools, "net10.0", name + ".dll");
            return File.Exists(portable) ? portable : null;
        }

        /// <summary>The program's verb this task runs.</summary>
        protected abstract string Verb { get; }

        /// <summary>The verb's options.</summary>
        protected abstract void AppendArguments(CommandLineBuilder builder);

        /// <summary>The project file problems are reported on.</summary>
        protected string ReportedProjectFile => string.IsNullOrEmpty(ProjectFile) ? BuildEngine.ProjectFileOfTaskNode : ProjectFile;

        /// <inheritdoc />
        protected override string ToolName => Path.GetFileName(RunsOnDotnetHost ? DotnetHostPath : RunningProgram);

        /// <inheritdoc />
        protected override string GenerateFullPathToTool() => RunsOnDotnetHost ? DotnetHostPath : RunningProgram;

        /// <inheritdoc />
        protected override string GenerateCommandLineCommands()
        {
            var builder = new CommandLineBuilder(quoteHyphensOnCommandLine: false, useNewLineSeparator: false);
            if (RunsOnDotnetHost)
            {
                builder.AppendFileNameIfNotNull(RunningProgram);
            }
            builder.AppendSwitch(Verb);
            AppendArguments(builder);
            return builder.ToString();
        }

        /// <summary>The command line after the program that starts, as the task runs it (the SDK's tests read it).</summary>
        internal string CommandLineArguments => GenerateCommandLineCommands();

        /// <summary>The program that starts: the dotnet host, or the native tool (the SDK's tests read it).</summary>
        internal string FullPathToToolForTests => GenerateFullPathToTool();

        /// <summary>The name the task logs the program under (the SDK's tests read it).</summary>
        internal string ToolNameForTests => ToolName;

        private static readonly Regex Problem = new Regex(
            @"^(?:(?<file>.*?)(?:\((?<line>\d+),(?<column>\d+)\))?: )?(?<severity>error|warning) (?<code>MLOPS\d{4}): (?<message>.*)$",
            RegexOptions.Compiled);

        /// <summary>The docs the SDK package carries (<c>docs/</c> beside <c>tasks/</c>), the target of each code's help link.</summary>
        private static readonly string DocsFolder = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(DotnetVerbTask).Assembly.Location) ?? ".", "..", "..", "docs"));

        /// <summary>
        /// The program's problems (<c>[file[(line,col)]: ]error MLOPS2021: ...</c>) become errors and warnings with their
        /// code, location and help link (the code's section in the SDK's docs); those without a file are reported on
        /// the project rather than on the tool's name, which MSBuild's own canonical-format parser would name.
        /// </summary>
        protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
        {
            if (!RunsOnDotnetHost && NativeLoaderError.IsMatch(singleLine))
            {
                nativeLoaderError ??= singleLine;
                base.LogEventsFromTextOutput(singleLine, MessageImportance.Low);
                return;
            }
            var match = Problem.Match(singleLine);
            if (!match.Success)
            {
                base.LogEventsFromTextOutput(singleLine, messageImportance);
                return;
            }
            var code = match.Groups["code"].Value;
            var file = match.Groups["file"].Success && match.Groups["file"].Value.Length > 0 ? match.Groups["file"].Value : ReportedProjectFile;
            var line = match.Groups["line"].Success ? int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture) : 0;
            var column = match.Groups["column"].Success ? int.Parse(match.Groups["column"].Value, CultureInfo.InvariantCulture) : 0;
            var helpLink = ErrorCodes.HelpLink(code, DocsFolder);
            if (match.Groups["severity"].Value == "error")
            {
                Log.LogError(null, code, null, helpLink, file, line, column, 0, 0, match.Groups["message"].Value);
            }
            else
            {
                Log.LogWarning(null, code, null, helpLink, file, line, column, 0, 0, match.Groups["message"].Value);
            }
        }

        /// <summary>The code and message when the program rejected the command line (exit code 2): SDK and program disagree.</summary>
        protected abstract (string Code, string Message) RejectedCommandLine { get; }

        /// <summary>The code and message when the program failed without reporting a problem (a crash, a killed process).</summary>
        protected abstract (string Code, string Message) FailedSilently { get; }

        /// <inheritdoc />
        protected override bool HandleTaskExecutionErrors()
        {
            if (nativeLoaderError is not null && portableFallback is null && !Log.HasLoggedErrors && PortableBuildOf(ProgramPath) is not null)
            {
                // Execute runs the portable build next; this attempt reports nothing.
                return false;
            }
            if (ExitCode == 2)
            {
                LogProjectError(RejectedCommandLine.Code, RejectedCommandLine.Message);
                return false;
            }
            // Exit code 1 comes with the problems already logged from the program's output.
            if (!Log.HasLoggedErrors)
            {
                LogProjectError(FailedSilently.Code, FailedSilently.Message);
                return false;
            }
            return base.HandleTaskExecutionErrors();
        }

        /// <summary>Logs an error with a code on the project file.</summary>
        protected void LogProjectError(string code, string message) =>
            Log.LogError(
                subcategory: null,
                errorCode: code,
                helpKeyword: null,
                helpLink: ErrorCodes.HelpLink(code, DocsFolder),
                file: ReportedProjectFile,
                lineNumber: 0,
                columnNumber: 0,
                endLineNumber: 0,
                endColumnNumber: 0,
                message: message);
    }
}
