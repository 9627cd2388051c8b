namespace Mlops.Diagnostics;

/// <summary>A problem the user can fix, with a stable code (see docs/diagnostics*.md).</summary>
public sealed record Diagnostic(string Code, DiagnosticSeverity Severity, string Message, SourceLocation? Location = null)
{
    public static Diagnostic Error(string code, string message, SourceLocation? location = null) =>
        new(code, DiagnosticSeverity.Error, message, location);

    public static Diagnostic Warning(string code, string message, SourceLocation? location = null) =>
        new(code, DiagnosticSeverity.Warning, message, location);

    /// <summary>
    /// MSBuild's canonical error format (<c>file(line,col): error CODE: message</c>, or without the location), one line,
    /// which the SDK's tasks and IDEs turn into error-list entries.
    /// </summary>
    public string ToCanonicalString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var message = Message.ReplaceLineEndings(" ");
        return Location is null ? $"{severity} {Code}: {message}" : $"{Location}: {severity} {Code}: {message}";
    }

    public override string ToString() => ToCanonicalString();
}
