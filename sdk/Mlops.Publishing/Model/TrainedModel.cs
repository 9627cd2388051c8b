using System.Text.Json.Nodes;
using Mlops.Pipelines.Ir;
using Mlops.Diagnostics;
using Mlops.Runner.Store;

namespace Mlops.Publishing.Model;

/// <summary>
/// A trained model to package: the file a training run wrote to its Model output, with the run it came from.
/// <c>--from latest</c> takes the newest succeeded run, a run id that run, a path the file itself (its run id is then
/// <c>file:NAME</c>, its pipeline the project's training pipeline).
/// </summary>
public sealed record TrainedModel(string Path, string Pipeline, string RunId, JsonObject Metrics, DateTimeOffset TrainedAt)
{
    /// <summary>Where a model from a remote run came from (its template, commit, artifact URI); null for a local run or file.</summary>
    public RemoteLineage? Remote { get; init; }

    /// <summary>The pipelines of the project that output a Model (candidates to train it).</summary>
    public static IReadOnlyList<(string Pipeline, string Output)> ModelOutputs(string pipelinesFolder) =>
        !Directory.Exists(pipelinesFolder) ? []
        : Directory.EnumerateFiles(pipelinesFolder, "*.yaml").Order(StringComparer.Ordinal)
            .Select(IrFile.Load)
            .SelectMany(ir => ModelOutputsOf(ir).Select(output => (ir.Spec.PipelineInfo.Name, output)))
            .ToList();

    /// <summary>Whether <paramref name="ir"/> trains a model: it has a Model output.</summary>
    public static bool Trains(IrFile ir) => ModelOutputsOf(ir).Any();

    private static IEnumerable<string> ModelOutputsOf(IrFile ir) =>
        (ir.Spec.Root.OutputDefinitions?.Artifacts ?? []).Where(a => a.Value.ArtifactType.SchemaTitle == "system.Model").Select(a => a.Key);

    public static TrainedModel Find(string pipelinesFolder, MlopsHome home, string from, string? pipeline)
    {
        if (from.Contains("://", StringComparison.Ordinal))
        {
            throw new MlopsException(ErrorCodes.Host.RemoteModelUnsupported,
                $"ModelFrom '{from}' is remote, and only a local run or a model file can be read here: a remote run's model is read from the training environment it ran in (dotnet pack reads it with MlopsModelEnvironment, dotnet publish -p:Environment=NAME from NAME), or pass a local run id, 'latest' or a model file.");
        }
        var (name, output) = TrainingOutput(pipelinesFolder, pipeline);
        if (File.Exists(from))
        {
            // A model file made outside a run: the card names the pipeline that trains it and where the file came from.
            var file = System.IO.Path.GetFullPath(from);
            return new TrainedModel(file, name, $"file:{System.IO.Path.GetFileName(file)}", [], File.GetLastWriteTimeUtc(file));
        }
        var run = new RunStore(home).Find(name, from)
            ?? throw new MlopsException(ErrorCodes.Host.NoSucceededRun, from == "latest"
                ? $"There is no succeeded run of '{name}' in {home.Runs}; train first: dotnet run -- run {name}."
                : $"There is no run '{from}' of '{name}' in {home.Runs}; pass 'latest', a run id of that folder, or a model file path.");
        if (run.State != RunState.Succeeded || !run.OutputArtifacts.TryGetValue(output, out var path))
        {
            throw new MlopsException(ErrorCodes.Host.NoSucceededRun, $"Run '{run.Id}' of '{name}' did not succeed or has no '{output}' output; pick a succeeded run.");
        }
        if (Directory.Exists(path))
        {
            var files = Directory.GetFiles(path, "*", SearchOption.AllDirectories);
            path = files.Length == 1 ? files[0]
                : throw new MlopsException(ErrorCodes.Host.ModelOutputIsFolder, $"The '{output}' output of run '{run.Id}' is a folder of {files.Length} files; a model package embeds one model file. Write the model as one file.");
        }
        if (!File.Exists(path))
        {
            throw new MlopsException(ErrorCodes.Host.NoSucceededRun, $"Run '{run.Id}' of '{name}' recorded its '{output}' output at {path}, which no longer exists; train again.");
        }
        var metrics = new JsonObject(run.OutputParameters.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        return new TrainedModel(path, name, run.Id, metrics, run.Ended ?? run.Started);
    }

    /// <summary>The one pipeline of the project (or <paramref name="pipeline"/>) with a Model output, and that output's name.</summary>
    internal static (string Pipeline, string Output) TrainingOutput(string pipelinesFolder, string? pipeline)
    {
        var candidates = ModelOutputs(pipelinesFolder).Where(c => pipeline is null || c.Pipeline == pipeline).ToList();
        if (candidates.Count != 1)
        {
            throw new MlopsException(ErrorCodes.Host.NoTrainingPipeline, candidates.Count == 0
                ? $"No pipeline of this project{(pipeline is null ? "" : $" named '{pipeline}'")} has a Model output to package. Declare one (Output<Model> and SetOutput), or set MlopsModelPipeline."
                : $"Several pipelines have Model outputs ({string.Join(", ", candidates.Select(c => $"{c.Pipeline}.{c.Output}"))}); set MlopsModelPipeline to the one that trains the model.");
        }
        return candidates[0];
    }
}
