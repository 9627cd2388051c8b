using System.Globalization;
using System.Text.Json.Nodes;

namespace Mlops.Pipelines.Ir;

/// <summary>
/// Numbers the way the KFP compiler writes them: every <c>google.protobuf.Value</c> number is a double, and a
/// double is written as Python's <c>repr</c> would (<c>1.0</c>, not <c>1</c>), so outputs diff cleanly against
/// SDK-compiled files.
/// </summary>
public static class ProtoDouble
{
    public static string Format(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "KFP IR numbers must be finite.");
        }
        if (value == Math.Floor(value) && Math.Abs(value) < 1e16)
        {
            return value.ToString("0", CultureInfo.InvariantCulture) + ".0";
        }
        var text = value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        var e = text.IndexOf('e');
        if (e < 0)
        {
            return text;
        }
        var mantissa = text[..e];
        if (!mantissa.Contains('.'))
        {
            mantissa += ".0";
        }
        var exponent = int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture);
        return $"{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
    }

    /// <summary>A JSON number node that keeps its double formatting when written.</summary>
    public static JsonNode Node(double value) => JsonNode.Parse(Format(value))!;
}
