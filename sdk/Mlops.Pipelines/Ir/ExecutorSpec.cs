using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mlops.Pipelines.Ir;

/// <summary>One executor: a container or an importer (the proto's other kinds are kept as data).</summary>
public sealed class ExecutorSpec
{
    public ContainerSpec? Container { get; set; }
    public ImporterSpec? Importer { get; set; }
    public JsonObject? Resolver { get; set; }
    public JsonObject? CustomJob { get; set; }
}

public sealed class ContainerSpec
{
    public string Image { get; set; } = "";
    public List<string>? Command { get; set; }
    public List<string>? Args { get; set; }
    public List<EnvVar>? Env { get; set; }
    public ResourceSpec? Resources { get; set; }
    public JsonObject? Lifecycle { get; set; }
}

public sealed class EnvVar
{
    public string Name { get; set; } = "";
    public string? Value { get; set; }
}

/// <summary>Resources: the string fields are current; the numeric twins are deprecated but still written for literals.</summary>
public sealed class ResourceSpec
{
    public double CpuLimit { get; set; }
    public double MemoryLimit { get; set; }
    public double CpuRequest { get; set; }
    public double MemoryRequest { get; set; }
    public string? ResourceCpuLimit { get; set; }
    public string? ResourceMemoryLimit { get; set; }
    public string? ResourceCpuRequest { get; set; }
    public string? ResourceMemoryRequest { get; set; }
    public AcceleratorConfig? Accelerator { get; set; }

    // Each quantity is written twice, as KFP's compiler does: the string as given and its deprecated number.
    internal void SetCpuRequest(string text, double value) => (ResourceCpuRequest, CpuRequest) = (text, value);
    internal void SetCpuLimit(string text, double value) => (ResourceCpuLimit, CpuLimit) = (text, value);
    internal void SetMemoryRequest(string text, double value) => (ResourceMemoryRequest, MemoryRequest) = (text, value);
    internal void SetMemoryLimit(string text, double value) => (ResourceMemoryLimit, MemoryLimit) = (text, value);
}

public sealed class AcceleratorConfig
{
    public string? Type { get; set; }
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long Count { get; set; }
    public string? ResourceType { get; set; }
    public string? ResourceCount { get; set; }
}

public sealed class ImporterSpec
{
    public ImporterArtifactUri ArtifactUri { get; set; } = new();
    public ArtifactTypeSchema TypeSchema { get; set; } = new();
    public bool Reimport { get; set; }
    public JsonObject? Metadata { get; set; }
    public bool DownloadToWorkspace { get; set; }
}

public sealed class ImporterArtifactUri
{
    public JsonNode? Constant { get; set; }
    public string? RuntimeParameter { get; set; }
}
