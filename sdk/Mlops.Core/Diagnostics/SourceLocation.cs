namespace Mlops.Diagnostics;

/// <summary>A place in the user's files; line and column are 1-based, 0 when unknown.</summary>
public sealed record SourceLocation(string File, int Line, int Column = 0)
{
    public override string ToString() => Line > 0 ? $"{File}({Line},{Math.Max(Column, 1)})" : File;
}
