using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mlops.Pipelines.Ir;

/// <summary>
/// The IR's serialization metadata generated at compile time, with <see cref="IrJson"/>'s settings: reading and
/// writing a spec then reflects over no type and emits no code at run time, which is most of what a short-lived
/// process (a publish, an emit) spent on JSON.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    Converters = [typeof(ProtoDoubleConverter)])]
[JsonSerializable(typeof(PipelineSpec))]
internal sealed partial class IrJsonContext : JsonSerializerContext;
