using System.Text.Json.Serialization;

namespace Mlops.Runner.Store;

/// <summary>run.json's serialization metadata, generated at compile time (see <see cref="RunRecord.JsonOptions"/>).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RunRecord))]
internal sealed partial class RunRecordJsonContext : JsonSerializerContext;
