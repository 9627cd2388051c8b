using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlops.Pipelines.Ir;

namespace Mlops.Runner.Execution;

/// <summary>
/// KFP's execution cache, locally: a step whose executor and inputs (values, and input artifacts' contents) are
/// unchanged reuses the outputs of an earlier run instead of running again.
/// </summary>
internal sealed class TaskCache(string root)
{
    public static string Key(ExecutorSpec executor, ComponentSpec component, IReadOnlyDictionary<string, JsonNode?> parameters,
        IReadOnlyDictionary<string, List<ArtifactRef>> artifacts)
    {
        var key = new JsonObject
        {
            ["executor"] = JsonSerializer.SerializeToNode(executor, IrJson.Options),
            ["outputs"] = JsonSerializer.SerializeToNode(component.OutputDefinitions, IrJson.Options),
            ["parameters"] = new JsonObject(parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))),
            ["artifacts"] = new JsonObject(artifacts.OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => KeyValuePair.Create(a.Key, (JsonNode?)new JsonArray(a.Value.Select(r => (JsonNode?)ContentHash(r.Path)).ToArray())))),
        };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToJsonString())));
    }

    /// <summary>Copies the cached outputs into <paramref name="taskFolder"/>; false when there is no entry.</summary>
    public bool TryRestore(string key, string taskFolder, out JsonObject parameters)
    {
        parameters = [];
        var entry = Path.Combine(root, key);
        var manifest = Path.Combine(entry, "parameters.json");
        if (!File.Exists(manifest))
        {
            return false;
        }
        parameters = JsonNode.Parse(File.ReadAllText(manifest))!.AsObject();
        CopyTree(Path.Combine(entry, "artifacts"), Path.Combine(taskFolder, "artifacts"));
        return true;
    }

    public void Store(string key, string taskFolder, JsonObject parameters)
    {
        var entry = Path.Combine(root, key);
        var staging = entry + "." + Guid.NewGuid().ToString("N") + ".tmp";
        CopyTree(Path.Combine(taskFolder, "artifacts"), Path.Combine(staging, "artifacts"));
        File.WriteAllText(Path.Combine(staging, "parameters.json"), parameters.ToJsonString());
        try
        {
            Directory.Move(staging, entry);
        }
        catch (IOException)
        {
            // Another run stored the same entry first; both are the same outputs of the same inputs.
            Directory.Delete(staging, recursive: true);
        }
    }

    private static string ContentHash(string path)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (File.Exists(path))
        {
            using var stream = File.OpenRead(path);
            sha.AppendData(SHA256.HashData(stream));
        }
        else if (Directory.Exists(path))
        {
            foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(path, file)));
                using var stream = File.OpenRead(file);
                sha.AppendData(SHA256.HashData(stream));
            }
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    internal static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from))
        {
            return;
        }
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
        }
    }
}
