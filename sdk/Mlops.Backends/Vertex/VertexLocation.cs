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

    /// <summary>A resource name under <see cref="Parent"/> for a bare id, or the given name when it already is one of this collection.</summary>
    public string ResourceName(string collection, string idOrName, string what)
    {
        var prefix = $"{Parent}/{collection}/";
        if (idOrName.StartsWith("projects/", StringComparison.Ordinal))
        {
            return idOrName.StartsWith(prefix, StringComparison.Ordinal) && idOrName.Length > prefix.Length && !idOrName[prefix.Length..].Contains('/')
                ? idOrName
                : throw new MlopsException(ErrorCodes.Vertex.InvalidRunName,
                    $"'{idOrName}' is not a {what} of this environment ({prefix}ID): give the id, or the resource name in project {Project}, region {Region}.");
        }
        return idOrName.Length > 0 && idOrName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            ? prefix + idOrName
            : throw new MlopsException(ErrorCodes.Vertex.InvalidRunName,
                $"'{idOrName}' is not a {what} id (lower-case letters, digits and '-') nor a resource name ({prefix}ID).");
    }
}
