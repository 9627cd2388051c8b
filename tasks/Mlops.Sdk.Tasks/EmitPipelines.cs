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

        /// <summary>Component folders (item spec) with their short image name in the <c>Name</c> metadata.</summary>
        public ITaskItem[] Components { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>When not empty, only these pipelines are emitted.</summary>
        public string[] Pipelines { get; set; } = Array.Empty<string>();

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

            foreach (var pipeline in Pipelines)
            {
                builder.AppendSwitchIfNotNull("--pipeline ", pipeline);
            }

            return builder.ToString();
        }

        /// <inheritdoc />
        protected override bool HandleTaskExecutionErrors()
        {
            // Exit code 1 comes with the diagnostics already logged from the program's output.
            // Exit code 2 means the program rejected the command line this SDK built: SDK and library disagree.
            if (ExitCode == 2)
            {
                Log.LogError(
                    subcategory: null,
                    errorCode: "MLOPS0010",
                    helpKeyword: null,
                    file: BuildEngine.ProjectFileOfTaskNode,
                    lineNumber: 0,
                    columnNumber: 0,
                    endLineNumber: 0,
                    endColumnNumber: 0,
                    message: $"The pipeline program '{AssemblyPath}' rejected the emit command line (exit code 2). The Mlops.Sdk and Mlops.Pipelines versions probably differ: do not reference Mlops.Pipelines yourself (the SDK adds it) and rebuild.");
                return false;
            }

            return base.HandleTaskExecutionErrors();
        }
    }
}
