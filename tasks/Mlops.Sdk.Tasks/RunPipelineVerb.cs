using System;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Mlops.Sdk.Tasks
{
    /// <summary>
    /// Runs a verb of the pipeline program with options given as items: the item spec is the option's name
    /// (<c>--version</c>), its <c>Value</c> metadata the value. Used by pack (<c>pack-model</c>) and publish.
    /// </summary>
    public sealed class RunPipelineVerb : PipelineProgramTask
    {
        /// <summary>The verb, e.g. <c>pack-model</c>.</summary>
        [Required]
        public string Command { get; set; } = string.Empty;

        /// <summary>The options: item spec = name, <c>Value</c> metadata = value (options with an empty value are left out).</summary>
        public ITaskItem[] Options { get; set; } = Array.Empty<ITaskItem>();

        /// <inheritdoc />
        protected override string Verb => Command;

        /// <inheritdoc />
        protected override void AppendArguments(CommandLineBuilder builder)
        {
            foreach (var option in Options)
            {
                var value = option.GetMetadata("Value");
                if (!string.IsNullOrEmpty(value))
                {
                    builder.AppendSwitchIfNotNull(option.ItemSpec + " ", value);
                }
            }
        }
    }
}
