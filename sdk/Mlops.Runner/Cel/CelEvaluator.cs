using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlops.Runner.Cel;

/// <summary>
/// Evaluates the CEL subset KFP writes into <c>triggerPolicy.condition</c> and <c>parameterExpressionSelector</c>:
/// <c>inputs.parameter_values['x']</c>, <c>string_value</c>, <c>int()</c>, <c>double()</c>, <c>string()</c>,
/// <c>parseJson()</c>, indexing, literals, comparisons, <c>!</c>, <c>&amp;&amp;</c>, <c>||</c>.
/// </summary>
public sealed class CelEvaluator
{
    private readonly string text;
    private readonly Func<string, JsonNode?> parameter;
    private readonly JsonNode? stringValue;
    private int position;

    private CelEvaluator(string text, Func<string, JsonNode?> parameter, JsonNode? stringValue)
    {
        this.text = text;
        this.parameter = parameter;
        this.stringValue = stringValue;
    }

    /// <exception cref="CelException">The expression is outside the subset, or its operands do not compare.</exception>
    public static bool EvaluateCondition(string expression, Func<string, JsonNode?> parameter) =>
        Evaluate(expression, parameter, null) is bool b ? b
            : throw new CelException($"condition '{expression}' does not give a bool");

    /// <summary>A <c>parameterExpressionSelector</c> applied to <paramref name="value"/> (bound to <c>string_value</c>).</summary>
    public static JsonNode? Select(string expression, JsonNode? value) =>
        ToNode(Evaluate(expression, _ => throw new CelException("a selector cannot read other parameters"), value));

    private static object? Evaluate(string expression, Func<string, JsonNode?> parameter, JsonNode? stringValue)
    {
        var evaluator = new CelEvaluator(expression, parameter, stringValue);
        var result = evaluator.Or();
        evaluator.SkipSpace();
        if (evaluator.position != expression.Length)
        {
            throw new CelException($"unexpected '{expression[evaluator.position..]}' in '{expression}'");
        }
        return result;
    }

    private object? Or()
    {
        var left = And();
        while (Accept("||"))
        {
            var right = And();
            left = AsBool(left) || AsBool(right);
        }
        return left;
    }

    private object? And()
    {
        var left = Unary();
        while (Accept("&&"))
        {
            var right = Unary();
            left = AsBool(left) && AsBool(right);
        }
        return left;
    }

    private object? Unary()
    {
        SkipSpace();
        if (Peek("!") && !Peek("!="))
        {
            position++;
            return !AsBool(Unary());
        }
        return Comparison();
    }

    private object? Comparison()
    {
        var left = Postfix();
        foreach (var op in new[] { "==", "!=", "<=", ">=", "<", ">" })
        {
            if (Accept(op))
            {
                return Compare(left, op, Postfix());
            }
        }
        return left;
    }

    private object? Postfix()
    {
        var value = Primary();
        while (Accept("["))
        {
            var key = Or();
            Expect("]");
            value = Index(value, key);
        }
        return value;
    }

    private object? Primary()
    {
        SkipSpace();
        if (Accept("("))
        {
            var inner = Or();
            Expect(")");
            return inner;
        }
        if (position < text.Length && (text[position] == '\'' || text[position] == '"'))
        {
            return StringLiteral();
        }
        if (position < text.Length && (char.IsDigit(text[position]) || text[position] == '-' || text[position] == '.'))
        {
            return Number();
        }
        var identifier = Identifier();
        switch (identifier)
        {
            case "true": return true;
            case "false": return false;
            case "null": return null;
            case "string_value": return FromNode(stringValue);
            case "inputs":
                Expect(".");
                if (Identifier() != "parameter_values")
                {
                    throw new CelException($"only inputs.parameter_values is supported in '{text}'");
                }
                Expect("[");
                var name = Or() as string ?? throw new CelException($"parameter names are strings in '{text}'");
                Expect("]");
                return FromNode(parameter(name));
            case "int" or "double" or "string" or "parseJson":
                Expect("(");
                var argument = Or();
                Expect(")");
                return Call(identifier, argument);
            default:
                throw new CelException($"'{identifier}' is not supported in '{text}'");
        }
    }

    private static object? Call(string function, object? argument) => function switch
    {
        "int" => argument switch
        {
            long l => l,
            double d => (long)d,
            string s => long.Parse(s.Trim(), CultureInfo.InvariantCulture),
            bool b => b ? 1L : 0L,
            _ => throw new CelException($"int() of {Describe(argument)}"),
        },
        "double" => argument switch
        {
            long l => (double)l,
            double d => d,
            string s => double.Parse(s.Trim(), CultureInfo.InvariantCulture),
            _ => throw new CelException($"double() of {Describe(argument)}"),
        },
        "string" => Stringify(argument),
        "parseJson" => FromNode(JsonNode.Parse(argument as string ?? throw new CelException("parseJson() takes a string"))),
        _ => throw new CelException(function),
    };

    private static object? Index(object? value, object? key) => (value, key) switch
    {
        (JsonObject o, string k) => FromNode(o[k]),
        (JsonArray a, long i) => FromNode(a[(int)i]),
        (JsonArray a, double i) => FromNode(a[(int)i]),
        _ => throw new CelException($"cannot index {Describe(value)} with {Describe(key)}"),
    };

    private static bool Compare(object? left, string op, object? right)
    {
        if (IsNumber(left) && IsNumber(right))
        {
            var l = Convert.ToDouble(left, CultureInfo.InvariantCulture);
            var r = Convert.ToDouble(right, CultureInfo.InvariantCulture);
            return op switch { "==" => l == r, "!=" => l != r, "<" => l < r, "<=" => l <= r, ">" => l > r, _ => l >= r };
        }
        if (op is "==" or "!=")
        {
            var equal = Equals(left, right) || (left is JsonNode ln && right is JsonNode rn && JsonNode.DeepEquals(ln, rn));
            return op == "==" ? equal : !equal;
        }
        if (left is string ls && right is string rs)
        {
            var c = string.CompareOrdinal(ls, rs);
            return op switch { "<" => c < 0, "<=" => c <= 0, ">" => c > 0, _ => c >= 0 };
        }
        throw new CelException($"cannot compare {Describe(left)} {op} {Describe(right)}");
    }

    private static bool IsNumber(object? value) => value is long or double;

    private static bool AsBool(object? value) => value as bool? ?? throw new CelException($"{Describe(value)} is not a bool");

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        JsonNode n => n.ToJsonString(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };

    private static string Stringify(object? value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        JsonNode n => n.ToJsonString(),
        _ => "null",
    };

    /// <summary>Parameter values are JSON; numbers that are whole become ints, as KFP's proto Values compare.</summary>
    // The arms are cast to object: JsonNode converts implicitly from string, bool and double, so without the casts
    // the switch would be typed JsonNode and hand the JSON node back.
    private static object? FromNode(JsonNode? node) => node switch
    {
        null => (object?)null,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => (object?)v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => v.GetValue<double>() is var d && d == Math.Floor(d) && Math.Abs(d) < 1e15 ? (object)(long)d : d,
            _ => null,
        },
        _ => (object?)node,
    };

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode n => n.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        _ => JsonValue.Create(value.ToString()),
    };

    private string StringLiteral()
    {
        var quote = text[position++];
        var builder = new StringBuilder();
        while (position < text.Length && text[position] != quote)
        {
            if (text[position] == '\\' && position + 1 < text.Length)
            {
                position++;
            }
            builder.Append(text[position++]);
        }
        Expect(quote.ToString());
        return builder.ToString();
    }

    private object Number()
    {
        var start = position;
        if (text[position] == '-') position++;
        while (position < text.Length && (char.IsDigit(text[position]) || text[position] is '.' or 'e' or 'E' || (text[position] is '+' or '-' && text[position - 1] is 'e' or 'E')))
        {
            position++;
        }
        var token = text[start..position];
        return token.Contains('.') || token.Contains('e') || token.Contains('E')
            ? double.Parse(token, CultureInfo.InvariantCulture)
            : long.Parse(token, CultureInfo.InvariantCulture);
    }

    private string Identifier()
    {
        SkipSpace();
        var start = position;
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '_'))
        {
            position++;
        }
        if (start == position)
        {
            throw new CelException($"unexpected '{(position < text.Length ? text[position..] : "end")}' in '{text}'");
        }
        return text[start..position];
    }

    private void SkipSpace()
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private bool Peek(string token) => string.CompareOrdinal(text, position, token, 0, token.Length) == 0;

    private bool Accept(string token)
    {
        SkipSpace();
        if (!Peek(token))
        {
            return false;
        }
        position += token.Length;
        return true;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw new CelException($"expected '{token}' at {position} in '{text}'");
        }
    }
}

public sealed class CelException(string message) : Exception(message);
