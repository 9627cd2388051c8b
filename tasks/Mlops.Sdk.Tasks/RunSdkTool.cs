using System;
using System.Collections.Generic;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Mlops.Sdk.Tasks
{
    /// <summary>
    /// Runs a verb of the SDK's tool out of the MSBuild process (<c>tools/linux-x64/Mlops.Sdk.Tool VERB ...</c>, or <c>dotnet tools/net10.0/Mlops.Sdk.Tool.dll VERB ...</c>):
    /// pack-model, publish. The tool does the work; this task only turns items and properties into its command line:
    /// <see cref="Options"/> (item spec = option name, <c>Value</c> metadata = value) and <see cref="Components"/>.
    /// </summary>
    public sealed class RunSdkTool : DotnetVerbTask
    {
        /// <summary>The tool in the SDK package, native or <c>Mlops.Sdk.Tool.dll</c> (<c>$(MlopsSdkToolPath)</c>).</summary>
        [Required]
        public string ToolAssembly { get; set; } = string.Empty;

        /// <summary>The verb, e.g. <c>publish</c>.</summary>
        [Required]
        public string Command { get; set; } = string.Empty;

        /// <summary>The options: item spec = name, <c>Value</c> metadata = value (options with an empty value are left out).</summary>
        public ITaskItem[] Options { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>The project's components: item spec = folder, metadata <c>Name</c> and <c>Image</c> (the reference the IR uses).</summary>
        public ITaskItem[] Components { get; set; } = Array.Empty<ITaskItem>();

        /// <inheritdoc />
        protected override string ProgramPath => ToolAssembly;

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
            foreach (var component in Components)
            {
                builder.AppendSwitchIfNotNull("--component ", FormatComponent(component));
            }
        }

        /// <summary><c>name=NAME&amp;image=REFERENCE&amp;folder=FOLDER</c>, values URI-escaped (the tool's ComponentArgument).</summary>
        internal static string FormatComponent(ITaskItem component)
        {
            var parts = new List<string>
            {
                "name=" + Uri.EscapeDataString(component.GetMetadata("Name")),
                "image=" + Uri.EscapeDataString(component.GetMetadata("Image")),
                "folder=" + Uri.EscapeDataString(component.GetMetadata("FullPath")),
            };
            return string.Join("&", parts);
        }

        /// <inheritdoc />
        protected override (string Code, string Message) RejectedCommandLine =>
            ("MLOPS0014", $"The SDK's tool '{ToolAssembly}' rejected the {Command} command line of this Mlops.Sdk (exit code 2, see the output above): the SDK package is damaged, or MlopsSdkToolPath names a tool of another version. Clear the package from the NuGet packages folder (dotnet nuget locals global-packages --clear) or unset MlopsSdkToolPath, and try again.");

        /// <inheritdoc />
        protected override (string Code, string Message) FailedSilently =>
            ("MLOPS0015", $"The SDK's tool '{ToolAssembly}' failed during {Command} with exit code {ExitCode} without reporting a problem (see its output above). Fix the cause shown there; to reproduce, run the command line above with -v:d.");
    }
}
