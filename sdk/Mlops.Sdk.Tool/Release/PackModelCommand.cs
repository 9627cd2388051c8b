using System.CommandLine;
using Mlops.Publishing.Model;

namespace Mlops.Sdk.Tool.Release;

/// <summary>
/// <c>pack-model</c>: what <c>dotnet pack</c> runs. Packages the model of a training run (latest, a run id, or a
/// file, or a remote run: a Vertex job's name or a gs:// URI) as a wheel whose <c>load()</c> checks the model's sha256 and as a NuGet package, both with a model card.
/// </summary>
public static class PackModelCommand
{
    public static Command Create()
    {
        var project = new ProjectOptions();
        var from = new Option<string>("--from") { Description = "latest, a run id, or a model file path.", DefaultValueFactory = _ => "latest" };
        var pipeline = new Option<string?>("--pipeline") { Description = "The training pipeline (when several have a Model output)." };
        var output = new Option<DirectoryInfo>("--output") { Required = true, Description = "Where to write the packages." };
        var packageId = new Option<string>("--package-id") { Required = true, Description = "The model package's id (NuGet) and name (Python)." };
        var version = new Option<string>("--version") { Required = true, Description = "The packages' version (the project's Version)." };
        var commit = new Option<string?>("--commit") { Description = "The source commit, recorded in the model card." };
        var authors = new Option<string?>("--authors") { Description = "The NuGet package's authors." };
        var environmentsFile = new Option<FileInfo?>("--environments-file") { Description = "The company's mlops.environments.json (for a remote run's model)." };
        var environment = new Option<string?>("--environment") { Description = "The training environment a remote run ran in (default: found from the run's name)." };
        var work = new Option<DirectoryInfo?>("--work") { Description = "Where a remote model is downloaded to (default: a temporary folder)." };
        var command = new Command("pack-model", "Packages a trained model as a Python wheel and a NuGet package.")
            { from, pipeline, output, packageId, version, commit, authors, environmentsFile, environment, work };
        project.AddTo(command);
        command.SetAction((parsed, cancellationToken) => ToolVerb.RunAsync(Console.Out, async () =>
        {
            var downloads = parsed.GetValue(work)?.FullName ?? Path.Combine(Path.GetTempPath(), "mlops-model");
            var model = await ModelSources.FindAsync(parsed.GetValue(project.Pipelines)!.FullName, project.HomeOf(parsed), parsed.GetValue(from)!, parsed.GetValue(pipeline),
                parsed.GetValue(environmentsFile)?.FullName, parsed.GetValue(environment), downloads, cancellationToken);
            var packages = ModelPackages.Build(model, parsed.GetValue(packageId)!, parsed.GetValue(version)!, parsed.GetValue(commit) ?? "",
                parsed.GetValue(authors) ?? parsed.GetValue(packageId)!, parsed.GetValue(output)!.FullName);
            Console.WriteLine($"Model of {(model.RunId.Length > 0 ? $"run {model.RunId} of {model.Pipeline}" : model.Path)} (sha256 {packages.Card.ModelSha256}):");
            Console.WriteLine($"  {packages.Wheel.Path}");
            Console.WriteLine($"  {packages.NuGet!.Path}");
        }));
        return command;
    }
}
