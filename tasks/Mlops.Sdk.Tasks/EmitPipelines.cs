using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Mlops.Sdk.Tasks
{
    /// <summary>
    /// Runs the built pipeline program's <c>emit</c> verb out of the MSBuild process
    /// (<c>dotnet &lt;assembly&gt; emit ...</c>), so the team's assembly is never loaded, nor locked, by MSBuild.
    /// The program prints its diagnostics in MSBuild's canonical format
    /// (<c>file(line,col): error MLOPS1040: message</c>); <see cref="ToolTask"/> turns each such line into an
    /// MSBuild error or warning with its code, file and line, so they land in the IDE's error list.
    /// </summary>
    public sealed class EmitPipelines : PipelineProgramTask
    {
        /// <summary>The folder the IR YAML files are written to.</summary>
        [Required]
        public string OutputDirectory { get; set; } = string.Empty;

        /// <summary>The project's components: metadata <c>Name</c> (the short image name) and <c>Image</c> (the reference the IR uses).</summary>
        public ITaskItem[] Components { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>
        /// The file the program writes last (the IR files written, then <see cref="CompleteLine"/>). Exit code 0 without
        /// it means the program ended early, e.g. <c>Environment.Exit(0)</c> in a pipeline's code: an error (MLOPS0016).
        /// </summary>
        public string ManifestFile { get; set; } = string.Empty;

        /// <summary>The manifest's last line (<c>EmitCommand.ManifestCompleteLine</c> of Mlops.Hosting).</summary>
        internal const string CompleteLine = "# emit complete";

        /// <inheritdoc />
        protected override string Verb => "emit";

        /// <inheritdoc />
        public override bool Execute()
        {
            if (ManifestFile.Length > 0 && File.Exists(ManifestFile))
            {
                File.Delete(ManifestFile);
            }
            if (!base.Execute())
            {
                return false;
            }
            if (ManifestFile.Length == 0 || IncompleteBecause() is not { } why)
            {
                return true;
            }
            LogProjectError("MLOPS0016",
                $"The pipeline program '{AssemblyPath}' exited with code 0 but did not finish emitting the pipelines: {why}. Something in a pipeline's constructor or Build() ended the process (Environment.Exit?); report problems by throwing an exception instead, then rebuild.");
            return false;
        }

        /// <summary>Why the manifest does not show a complete emit; null when it does.</summary>
        internal string? IncompleteBecause()
        {
            if (!File.Exists(ManifestFile))
            {
                return $"it did not write '{ManifestFile}', which it writes last";
            }
            var lines = File.ReadAllLines(ManifestFile);
            if (lines.Length == 0 || lines[lines.Length - 1] != CompleteLine)
            {
                return $"'{ManifestFile}' does not end with '{CompleteLine}'";
            }
            var missing = lines.Take(lines.Length - 1).FirstOrDefault(f => !File.Exists(f));
            return missing is null ? null : $"'{missing}', which it reports written, does not exist";
        }

        /// <inheritdoc />
        protected override void AppendArguments(CommandLineBuilder builder)
        {
            builder.AppendSwitchIfNotNull("--output ", OutputDirectory);
            if (ManifestFile.Length > 0)
            {
                builder.AppendSwitchIfNotNull("--manifest ", ManifestFile);
            }
            foreach (var component in Components)
            {
                builder.AppendSwitchIfNotNull("--image ", component.GetMetadata("Name") + "=" + component.GetMetadata("Image"));
            }
        }
    }
}
