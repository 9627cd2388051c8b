using Mlops.Diagnostics;

namespace Mlops;

/// <summary>
/// Where the container engine's API is: <c>DOCKER_HOST</c> when set, else the platform's default socket (a Unix
/// socket, or Docker Desktop's named pipe on Windows). Its display form never shows credentials a URL may carry.
/// </summary>
public sealed class DockerEndpoint
{
    public const string EnvironmentVariable = "DOCKER_HOST";

    private DockerEndpoint(Uri uri, bool fromEnvironment)
    {
        Uri = uri;
        FromEnvironment = fromEnvironment;
    }

    public Uri Uri { get; }

    /// <summary>True when <c>DOCKER_HOST</c> named it, false for the platform default.</summary>
    public bool FromEnvironment { get; }

    /// <summary>An endpoint given explicitly (as if by <c>DOCKER_HOST</c>).</summary>
    public static DockerEndpoint At(Uri uri) => new(uri, fromEnvironment: true);

    /// <summary>The endpoint <c>DOCKER_HOST</c> names, else the platform default (which may not exist).</summary>
    public static DockerEndpoint Resolve()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } host)
        {
            // The value itself stays out of the message: a URL may carry credentials.
            return Uri.TryCreate(host, UriKind.Absolute, out var uri)
                ? new DockerEndpoint(uri, fromEnvironment: true)
                : throw new MlopsException(ErrorCodes.Host.DockerHostNotAUrl,
                    $"{EnvironmentVariable} is not a URL: set it to the container engine's API, e.g. unix:///run/podman/podman.sock or tcp://127.0.0.1:2375, or unset it.");
        }
        return new DockerEndpoint(OperatingSystem.IsWindows() ? new Uri("npipe://./pipe/docker_engine") : new Uri("unix:///var/run/docker.sock"), fromEnvironment: false);
    }

    /// <summary>The endpoint when one is configured or the platform default socket exists; null when there is no engine.</summary>
    public static DockerEndpoint? Detect()
    {
        var endpoint = Resolve();
        if (endpoint.FromEnvironment)
        {
            return endpoint;
        }
        return OperatingSystem.IsWindows() || File.Exists(endpoint.Uri.LocalPath) ? endpoint : null;
    }

    /// <summary>The URL without user information: safe for messages and logs.</summary>
    public override string ToString() =>
        string.IsNullOrEmpty(Uri.UserInfo) ? Uri.OriginalString : new UriBuilder(Uri) { UserName = "", Password = "" }.Uri.ToString();
}
