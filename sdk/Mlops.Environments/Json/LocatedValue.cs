using Mlops.Diagnostics;

namespace Mlops.Environments.Json;

/// <summary>A JSON value with the place of its first token, so every problem found in it can point there.</summary>
internal sealed record LocatedValue(LocatedValueKind Kind, SourceLocation Location, string? Text = null, bool Boolean = false)
{
    /// <summary>An object's members in file order (a duplicate key is reported and its later value dropped).</summary>
    public IReadOnlyList<LocatedMember> Members { get; init; } = [];

    public string KindName => Kind switch
    {
        LocatedValueKind.Object => "an object",
        LocatedValueKind.Array => "an array",
        LocatedValueKind.String => "a string",
        LocatedValueKind.Number => "a number",
        LocatedValueKind.Boolean => "a boolean",
        _ => "null",
    };
}
