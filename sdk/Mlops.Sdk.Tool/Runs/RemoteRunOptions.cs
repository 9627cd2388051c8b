using System.CommandLine;
using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Publishing;

namespace Mlops.Sdk.Tool.Runs;

/// <summary>
/// What the team's program passes to <c>submit</c> and <c>runs</c> from its runtimeconfig.json: the project's facts
/// the build recorded (environments file, Version, model package id, compiled pipelines, MLOps home).
/// </summary>
public sealed class RemoteRunOptions
{
    public Option<FileInfo?> EnvironmentsFile { get; } = new("--environments-file") { Description = "The company's mlops.environments.json." };

    public Option<string?> Version { get; } = new("--version") { Description = "The project's Version (the tag submit runs by default)." };

    public Option<string?> PackageId { get; } = new("--package-id") { Description = "The model package's id (names the release ledger)." };

    public Option<DirectoryInfo?> Pipelines { get; } = new("--pipelines") { Description = "The folder of the compiled IR files." };

    public Option<DirectoryInfo?> Home { get; } = new("--home") { Description = "The MLOps home (default: MLOPS_HOME, else ~/.mlops)." };

    public void AddTo(Command command)
    {
        command.Options.Add(EnvironmentsFile);
        command.Options.Add(Version);
        command.Options.Add(PackageId);
        command.Options.Add(Pipelines);
        command.Options.Add(Home);
    }

    public EnvironmentDefinition Definition(ParseResult parsed, string environment)
    {
        var file = File(parsed, environment);
        return Environments.EnvironmentsFile.Load(file).Get(environment);
    }

    public async Task<(MlopsEnvironment Environment, EnvironmentDefinition Definition)> ConnectAsync(ParseResult parsed, string environment,
        CancellationToken cancellationToken)
    {
        var file = File(parsed, environment);
        var definition = Environments.EnvironmentsFile.Load(file).Get(environment);
        var work = Path.Combine(Path.GetTempPath(), "mlops-submit");
        var connected = await EnvironmentConnector.ConnectAsync(environment, MlopsHome.At(parsed.GetValue(Home)?.FullName), file, null, work, TextWriter.Null, cancellationToken);
        return (connected, definition);
    }

    private string File(ParseResult parsed, string environment)
    {
        if (string.Equals(environment, MlopsEnvironment.Local, StringComparison.OrdinalIgnoreCase))
        {
            throw new MlopsException(ErrorCodes.Runs.NoRunner,
                "The built-in 'local' environment has no remote runner: run pipelines on this machine with dotnet run -- run NAME, or submit to an environment of mlops.environments.json.");
        }
        return parsed.GetValue(EnvironmentsFile)?.FullName is { } file && System.IO.File.Exists(file)
            ? file
            : throw new MlopsException(ErrorCodes.Host.UnknownEnvironment,
                $"Environment '{environment}' is not built in, and no {Environments.EnvironmentsFile.FileName} was found above the project. Create one (the templates scaffold it), or set MlopsEnvironmentsFile to your company's file, and build again.");
    }

    /// <summary>The <c>--param NAME=VALUE</c> values, or the exit code of a malformed one (reported as MLOPS2005).</summary>
    public static bool TryParseParameters(string[]? pairs, out Dictionary<string, string> given, out int exitCode)
    {
        given = new Dictionary<string, string>(StringComparer.Ordinal);
        exitCode = 0;
        foreach (var pair in pairs ?? [])
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                Console.Out.WriteLine(Diagnostic.Error(ErrorCodes.Host.ParameterNotNameValue, $"--param '{pair}' is not NAME=VALUE; write it as --param NAME=VALUE.").ToCanonicalString());
                exitCode = ToolVerb.ProblemsReported;
                return false;
            }
            given[pair[..equals]] = pair[(equals + 1)..];
        }
        return true;
    }
}
