namespace Mlops.Pipelines.Diagnostics;

public enum DiagnosticSeverity
{
    Error,
    Warning,
}

/// <summary>A place in the user's files; line and column are 1-based, 0 when unknown.</summary>
public sealed record SourceLocation(string File, int Line, int Column = 0)
{
    public override string ToString() => Line > 0 ? $"{File}({Line},{Math.Max(Column, 1)})" : File;
}

/// <summary>A problem the user can fix, with a stable code (see docs/diagnostics.md).</summary>
public sealed record Diagnostic(string Code, DiagnosticSeverity Severity, string Message, SourceLocation? Location = null)
{
    public static Diagnostic Error(string code, string message, SourceLocation? location = null) =>
        new(code, DiagnosticSeverity.Error, message, location);

    public static Diagnostic Warning(string code, string message, SourceLocation? location = null) =>
        new(code, DiagnosticSeverity.Warning, message, location);

    /// <summary>MSBuild's canonical error format, which Exec/ToolTask and IDEs turn into error-list entries.</summary>
    public string ToCanonicalString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var message = Message.ReplaceLineEndings(" ");
        return Location is null ? $"{severity} {Code}: {message}" : $"{Location}: {severity} {Code}: {message}";
    }

    public override string ToString() => ToCanonicalString();
}
