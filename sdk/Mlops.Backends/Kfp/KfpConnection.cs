using Mlops.Environments;
using Mlops.Registries.Auth;

namespace Mlops.Backends.Kfp;

/// <summary>What the backend and the scheduler share for one environment: its runner, the API, and its pipeline versions.</summary>
internal sealed class KfpConnection
{
    public KfpConnection(EnvironmentDefinition environment, HttpClient http, IAccessTokenSource? accessTokens)
    {
        Api = KfpApiClient.For(environment, http, accessTokens);
        Runner = environment.Runner!;
        Versions = new KfpPipelineVersions(Api);
    }

    public KfpApiClient Api { get; }

    public EnvironmentRunner Runner { get; }

    public KfpPipelineVersions Versions { get; }
}
