using Microsoft.Build.Framework;

namespace Mlops.Sdk.Tasks
{
    /// <summary>
    /// Runs one verb of the built pipeline program out of the MSBuild process (<c>dotnet &lt;assembly&gt; VERB ...</c>),
    /// so the team's assembly and the engine's dependencies (its own NuGet, Docker client, ...) are never loaded
    /// by MSBuild. See <see cref="DotnetVerbTask"/> for how its problems are reported.
    /// </summary>
    public abstract class PipelineProgramTask : DotnetVerbTask
    {
        /// <summary>The built pipeline program (<c>$(TargetPath)</c>).</summary>
        [Required]
        public string AssemblyPath { get; set; } = string.Empty;

        /// <inheritdoc />
        protected override string ProgramPath => AssemblyPath;

        /// <inheritdoc />
        protected override (string Code, string Message) RejectedCommandLine =>
            ("MLOPS0010", $"The pipeline program '{AssemblyPath}' rejected the {Verb} command line (exit code 2, see the output above): its Mlops.Hosting does not match this Mlops.Sdk. Do not reference Mlops.Pipelines or Mlops.Hosting yourself or set MlopsPipelinesVersion (the SDK brings the matching version), then rebuild.");

        /// <inheritdoc />
        protected override (string Code, string Message) FailedSilently =>
            ("MLOPS0013", $"The pipeline program '{AssemblyPath}' failed with exit code {ExitCode} without reporting a problem (see its output above). Fix the cause, or run it yourself: dotnet \"{AssemblyPath}\" {Verb} --help.");
    }
}
