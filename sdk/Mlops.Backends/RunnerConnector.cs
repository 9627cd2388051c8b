using Mlops.Backends.Schedules;
using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Backends.Kfp;
using Mlops.Backends.Vertex;
using Mlops.Registries.Auth;
using Mlops.Registries.Auth.Google;
using Mlops.Registries.Http;

namespace Mlops.Backends;

/// <summary>
/// The backend an environment's <c>runner</c> names: Vertex AI Pipelines (<c>kind: vertex</c>) or a Kubeflow Pipelines
/// backend (<c>kind: kfp</c>), with its schedules, authenticated the way the user already is (Google application
/// default credentials, impersonating the environment's <c>impersonate</c> account when it names one).
/// </summary>
public static class RunnerConnector
{
    public static ConnectedRunner Connect(EnvironmentDefinition environment, IAccessTokenSource? tokens = null)
    {
        var runner = environment.Runner
            ?? throw new MlopsException(Diagnostic.Error(ErrorCodes.Runs.NoRunner,
                $"Environment '{environment.Name}' has no \"runner\" in the environments file, so there is nowhere to run pipelines: add \"runner\": {{ \"kind\": \"vertex\", \"pipelineRoot\": \"gs://...\" }} (or \"kfp\" with an \"endpoint\").",
                environment.Location));
        if (string.Equals(runner.Kind, EnvironmentRunner.Vertex, StringComparison.OrdinalIgnoreCase))
        {
            var google = tokens ?? new GoogleAccessTokenSource(environment.Impersonate);
            var backend = new VertexPipelineBackend(environment, google);
            return new ConnectedRunner(backend, new VertexScheduler(environment, google), $"Vertex AI Pipelines in {environment.Project}/{environment.Region}");
        }
        if (string.Equals(runner.Kind, EnvironmentRunner.Kfp, StringComparison.OrdinalIgnoreCase))
        {
            var http = RegistryHttpClient.Create();
            var backend = new KfpPipelineBackend(environment, http, tokens);
            return new ConnectedRunner(backend, new KfpScheduler(environment, http, tokens), $"the Kubeflow Pipelines backend at {backend.Endpoint}");
        }
        throw new MlopsException(Diagnostic.Error(ErrorCodes.Runs.UnknownRunnerKind,
            $"Environment '{environment.Name}' has runner kind '{runner.Kind}', which this SDK cannot submit to; use '{EnvironmentRunner.Vertex}' or '{EnvironmentRunner.Kfp}'.",
            environment.Location));
    }
}

/// <summary>An environment's runner: where runs are submitted and followed, and where schedules are kept.</summary>
public sealed record ConnectedRunner(IPipelineBackend Runs, IPipelineScheduler Schedules, string Description);
