using Mlops.Backends;
using Mlops.Backends.Storage;
using Mlops.Diagnostics;
using Mlops.Environments;

namespace Mlops.Publishing.Model;

/// <summary>
/// The model a package holds, from what <c>ModelFrom</c> names: a local run or a model file (<see cref="TrainedModel.Find"/>),
/// or a remote run (a Vertex job's resource name, a KFP run id) or a <c>gs://</c> URI, read from the environment the run
/// ran in: <paramref name="environment"/> when given (publish's), else the environments file's training environment whose
/// project and region the job names (for a KFP run id, its one training environment with a KFP runner), else its only
/// training environment.
/// </summary>
public static class ModelSources
{
    public static async Task<TrainedModel> FindAsync(string pipelinesFolder, MlopsHome home, string from, string? pipeline,
        string? environmentsFile, string? environment, string downloadFolder, CancellationToken cancellationToken)
    {
        if (!RemoteTrainedModel.IsRemote(from))
        {
            return TrainedModel.Find(pipelinesFolder, home, from, pipeline);
        }
        if (string.IsNullOrEmpty(environmentsFile) || !File.Exists(environmentsFile))
        {
            throw new MlopsException(ErrorCodes.Host.RemoteModelUnsupported,
                $"ModelFrom '{from}' names a remote run or artifact, which is read from the environment it ran in, and no {EnvironmentsFile.FileName} was found above the project. Create one, or set MlopsEnvironmentsFile to your company's file.");
        }
        var file = EnvironmentsFile.Load(environmentsFile);
        var definition = environment is { Length: > 0 } ? file.Get(environment) : TrainingEnvironmentOf(file, from);
        return await FromEnvironmentAsync(definition, pipelinesFolder, from, pipeline, downloadFolder, cancellationToken);
    }

    /// <summary>The model of the remote run or artifact <paramref name="from"/> of <paramref name="definition"/>.</summary>
    public static async Task<TrainedModel> FromEnvironmentAsync(EnvironmentDefinition definition, string pipelinesFolder, string from, string? pipeline,
        string downloadFolder, CancellationToken cancellationToken)
    {
        using var store = ArtifactStores.For(definition);
        var backend = from.Contains("://", StringComparison.Ordinal) ? null : RunnerConnector.Connect(definition).Runs;
        return await RemoteTrainedModel.FindAsync(from, backend, store, pipelinesFolder, downloadFolder, pipeline, cancellationToken);
    }

    private static EnvironmentDefinition TrainingEnvironmentOf(EnvironmentsFile file, string from)
    {
        var training = file.Environments.Where(e => e.Training).ToList();
        var parts = from.Split('/');
        var named = parts is ["projects", var project, "locations", var region, ..]
            ? training.Where(e => e.Project == project && e.Region == region).ToList()
            : RemoteTrainedModel.IsKfpRunId(from) ? training.Where(e => e.Runner?.Kind == EnvironmentRunner.Kfp).ToList()
            : [];
        return named.Count == 1 ? named[0]
            : training.Count == 1 ? training[0]
            : throw new MlopsException(ErrorCodes.Runs.AmbiguousTrainingEnvironment,
                $"ModelFrom '{from}' could have run in any of the training environments {string.Join(", ", training.Select(e => $"'{e.Name}'"))}; say which with -p:MlopsModelEnvironment=NAME.");
    }
}
