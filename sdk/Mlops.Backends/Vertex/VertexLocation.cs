using Mlops.Diagnostics;
using Mlops.Environments;

namespace Mlops.Backends.Vertex;

/// <summary>
/// Where an environment's Vertex AI resources live: its project and region, and the API host (the regional
/// <c>https://REGION-aiplatform.googleapis.com/</c>, or the runner's <c>endpoint</c> when it sets one).
/// </summary>
internal sealed record VertexLocation(string Project, string Region, Uri ApiRoot)
{
    /// <summary>The collection parent of jobs and schedules: <c>projects/P/locations/L</c>.</summary>
    public string Parent => $"projects/{Project}/locations/{Region}";

    public static VertexLocation Of(EnvironmentDefinition environment)
    {
        if (string.IsNullOrWhiteSpace(environment.Project) || string.IsNullOrWhiteSpace(environment.Region))
        {
            throw new MlopsException(ErrorCodes.Vertex.NoProjectOrRegion,
                $"Environment '{environment.Name}' runs on Vertex AI but does not name its {(string.IsNullOrWhiteSpace(environment.Project) ? "project" : "region")}: " +
                "add \"project\" and \"region\" (e.g. \"europe-west4\") to it in mlops.environments.json.");
        }
        var root = environment.Runner?.Endpoint ?? new Uri($"https://{environment.Region}-aiplatform.googleapis.com/");
        return new VertexLocation(environment.Project.Trim(), environment.Region.Trim(), root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/"));
    }

    /// <summary>The URL of the v1 resource <paramref name="resource"/> (<c>projects/…</c>) with an optional query (<c>?…</c>).</summary>
    public Uri Url(string resource, string query = "") => new(ApiRoot, "v1/" + resource + query);

    /// <summary>
    /// A resource name of <paramref name="collection"/> for a bare id, or the given name when it is one of this region
    /// (Vertex AI names a job by the project's number or id: <c>projects/123456/locations/L/pipelineJobs/ID</c>).
    /// </summary>
    public string ResourceName(string collection, string idOrName, string what)
    {
        if (idOrName.StartsWith("projects/", StringComparison.Ordinal))
        {
            return idOrName.Split('/') is ["projects", { Length: > 0 }, "locations", var region, var kind, var id] && region == Region && kind == collection && IsId(id)
                ? idOrName
                : throw new MlopsException(ErrorCodes.Vertex.InvalidRunName,
                    $"'{idOrName}' is not a {what} of this environment (projects/{Project}/locations/{Region}/{collection}/ID): give the id, or a resource name in region {Region}.");
        }
        return IsId(idOrName)
            ? $"{Parent}/{collection}/{idOrName}"
            : throw new MlopsException(ErrorCodes.Vertex.InvalidRunName,
                $"'{idOrName}' is not a {what} id (lower-case letters, digits and '-') nor a resource name ({Parent}/{collection}/ID).");
    }

    private static bool IsId(string id) => id.Length > 0 && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
