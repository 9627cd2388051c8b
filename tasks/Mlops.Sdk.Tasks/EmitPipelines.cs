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
    public sealed class EmitPipelines : PipelineProgramTask
    {
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

        /// <inheritdoc />
        protected override string Verb => "emit";

        /// <inheritdoc />
        protected override void AppendArguments(CommandLineBuilder builder)
        {
            builder.AppendSwitchIfNotNull("--output ", OutputDirectory);
            builder.AppendSwitchIfNotNull("--image-repository ", ImageRepository);
            builder.AppendSwitchIfNotNull("--image-tag ", ImageTag);
            foreach (var component in Components)
            {
                builder.AppendSwitchIfNotNull("--component ", component.GetMetadata("Name") + "=" + component.GetMetadata("FullPath"));
            }
        }
    }
}
