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

        /// <inheritdoc />
        protected override string Verb => "emit";

        /// <inheritdoc />
        protected override void AppendArguments(CommandLineBuilder builder)
        {
            builder.AppendSwitchIfNotNull("--output ", OutputDirectory);
            foreach (var component in Components)
            {
                builder.AppendSwitchIfNotNull("--image ", component.GetMetadata("Name") + "=" + component.GetMetadata("Image"));
            }
        }
    }
}
