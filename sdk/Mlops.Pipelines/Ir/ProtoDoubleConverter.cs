using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mlops.Pipelines.Ir;

internal sealed class ProtoDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? double.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) =>
        writer.WriteRawValue(ProtoDouble.Format(value), skipInputValidation: true);
}
