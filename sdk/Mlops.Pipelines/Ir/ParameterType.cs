using System.Text.Json.Serialization;

namespace Mlops.Pipelines.Ir;

/// <summary><c>ParameterType.ParameterTypeEnum</c>, written by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ParameterType>))]
public enum ParameterType
{
    [JsonStringEnumMemberName("PARAMETER_TYPE_ENUM_UNSPECIFIED")] Unspecified = 0,
    [JsonStringEnumMemberName("NUMBER_DOUBLE")] NumberDouble = 1,
    [JsonStringEnumMemberName("NUMBER_INTEGER")] NumberInteger = 2,
    [JsonStringEnumMemberName("STRING")] String = 3,
    [JsonStringEnumMemberName("BOOLEAN")] Boolean = 4,
    [JsonStringEnumMemberName("LIST")] List = 5,
    [JsonStringEnumMemberName("STRUCT")] Struct = 6,
    [JsonStringEnumMemberName("TASK_FINAL_STATUS")] TaskFinalStatus = 7,
    [JsonStringEnumMemberName("TASK_CONFIG")] TaskConfig = 8,
}
