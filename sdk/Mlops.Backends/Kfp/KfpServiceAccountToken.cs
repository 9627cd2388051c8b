using Mlops.Diagnostics;
using Mlops.Registries.Auth;

namespace Mlops.Backends.Kfp;

/// <summary>
/// The Kubernetes service account token a pod is given for the KFP API (a projected volume with audience
/// <c>pipelines.kubeflow.org</c>), read from the file <c>KF_PIPELINES_SA_TOKEN_PATH</c> names, as the KFP Python client
/// does. The file is read on every call: the kubelet rotates projected tokens in place.
/// </summary>
public sealed class KfpServiceAccountToken(string path) : IAccessTokenSource
{
    public const string PathVariable = "KF_PIPELINES_SA_TOKEN_PATH";
    public const string DefaultPath = "/var/run/secrets/kubeflow/pipelines/token";

    public string Path { get; } = path;

    public string Description => $"the service account token in {Path}";

    /// <summary>The token file of this process's environment, or null when there is none (a port-forward in single-user mode needs none).</summary>
    public static KfpServiceAccountToken? FromEnvironment()
    {
        var path = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured ? configured : DefaultPath;
        return File.Exists(path) ? new KfpServiceAccountToken(path) : null;
    }

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var token = (await File.ReadAllTextAsync(Path, cancellationToken).ConfigureAwait(false)).Trim();
            return token.Length > 0 ? token : throw Unreadable("the file is empty");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(e.Message);
        }
    }

    private MlopsException Unreadable(string why) =>
        new(ErrorCodes.KfpBackend.TokenFileUnreadable,
            $"The KFP service account token in {Path} cannot be read ({why}): mount the projected token there, or point {PathVariable} at it.");
}
