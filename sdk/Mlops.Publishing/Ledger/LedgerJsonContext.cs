using System.Text.Json.Serialization;

namespace Mlops.Publishing.Ledger;

/// <summary>The ledger entry's serialization metadata, generated at compile time: a publish reads and writes it with no reflection.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LedgerEntry))]
internal sealed partial class LedgerJsonContext : JsonSerializerContext;
