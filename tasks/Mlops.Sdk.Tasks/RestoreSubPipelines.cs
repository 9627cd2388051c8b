using System;
using System.Collections.Generic;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Mlops.Sdk.Tasks
{
    /// <summary>
    /// Restores the project's <c>SubPipelineReference</c> items by running the SDK's own tool out of the MSBuild process
    /// (<c>dotnet tools/net10.0/Mlops.Sdk.Tool.dll restore ...</c>): resolve the ranges, write <c>mlops.lock.json</c>, cache
    /// the IR, generate the typed wrappers into <see cref="OutputDirectory"/>. All decisions are the tool's (the core
    /// library Mlops.Restore); this task only translates items and properties into its command line.
    /// </summary>
    public sealed class RestoreSubPipelines : DotnetVerbTask
    {
        /// <summary>The restore tool, <c>Mlops.Sdk.Tool.dll</c> in the SDK package.</summary>
        [Required]
        public string ToolAssembly { get; set; } = string.Empty;

        /// <summary>The folder the tool owns: IR copies and generated wrappers.</summary>
        [Required]
        public string OutputDirectory { get; set; } = string.Empty;

        /// <summary>The lock file (default: the tool's, mlops.lock.json next to the project).</summary>
        public string LockFile { get; set; } = string.Empty;

        /// <summary>The wrappers' namespace.</summary>
        public string Namespace { get; set; } = string.Empty;

        /// <summary><c>SubPipelineReference</c> items: item spec = package, metadata <c>Version</c>, <c>Registry</c>, <c>Alias</c>.</summary>
        public ITaskItem[] References { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>Fail when the lock file is missing or stale instead of updating it.</summary>
        public bool LockedMode { get; set; }

        /// <summary>Resolve every range again, ignoring the lock file's versions.</summary>
        public bool ForceEvaluate { get; set; }

        /// <summary>Lock file and cache only, never a registry (design-time builds).</summary>
        public bool Offline { get; set; }

        /// <summary>The MLOps home (default: the tool's, <c>MLOPS_HOME</c> or <c>~/.mlops</c>).</summary>
        public string Home { get; set; } = string.Empty;

        /// <summary>The company's mlops.environments.json, for a Registry that names one of its environments.</summary>
        public string EnvironmentsFile { get; set; } = string.Empty;

        /// <inheritdoc />
        protected override string ProgramPath => ToolAssembly;

        /// <inheritdoc />
        protected override string Verb => "restore";

        /// <inheritdoc />
        protected override void AppendArguments(CommandLineBuilder builder)
        {
            builder.AppendSwitchIfNotNull("--project ", ReportedProjectFile);
            builder.AppendSwitchIfNotNull("--output ", OutputDirectory.TrimEnd('/', '\\'));
            if (!string.IsNullOrEmpty(LockFile))
            {
                builder.AppendSwitchIfNotNull("--lock-file ", LockFile);
            }
            if (!string.IsNullOrEmpty(Home))
            {
                builder.AppendSwitchIfNotNull("--home ", Home.TrimEnd('/', '\\'));
            }
            if (!string.IsNullOrEmpty(EnvironmentsFile))
            {
                builder.AppendSwitchIfNotNull("--environments-file ", EnvironmentsFile);
            }
            if (!string.IsNullOrEmpty(Namespace))
            {
                builder.AppendSwitchIfNotNull("--namespace ", Namespace);
            }
            foreach (var reference in References)
            {
                builder.AppendSwitchIfNotNull("--reference ", Format(reference));
            }
            if (LockedMode)
            {
                builder.AppendSwitch("--locked");
            }
            if (ForceEvaluate)
            {
                builder.AppendSwitch("--force-evaluate");
            }
            if (Offline)
            {
                builder.AppendSwitch("--offline");
            }
        }

        /// <summary><c>name=NAME&amp;version=RANGE&amp;registry=FOLDER&amp;alias=ALIAS</c>, values URI-escaped (the tool's ReferenceArgument).</summary>
        private static string Format(ITaskItem reference)
        {
            var parts = new List<string> { "name=" + Uri.EscapeDataString(reference.ItemSpec) };
            foreach (var key in new[] { "Version", "Registry", "Alias" })
            {
                var value = reference.GetMetadata(key);
                if (!string.IsNullOrEmpty(value))
                {
                    parts.Add(key.ToLowerInvariant() + "=" + Uri.EscapeDataString(value));
                }
            }
            return string.Join("&", parts);
        }

        /// <inheritdoc />
        protected override (string Code, string Message) RejectedCommandLine =>
            ("MLOPS4051", $"The restore tool '{ToolAssembly}' rejected the command line of this Mlops.Sdk (exit code 2, see the output above): the SDK package is damaged or mixed with another version. Clear it from the NuGet packages folder (dotnet nuget locals global-packages --clear) and restore again.");

        /// <inheritdoc />
        protected override (string Code, string Message) FailedSilently =>
            ("MLOPS4050", $"The restore tool '{ToolAssembly}' failed with exit code {ExitCode} without reporting a problem (see its output above). Fix the cause shown there; to reproduce, run the command line above with -v:d.");
    }
}
