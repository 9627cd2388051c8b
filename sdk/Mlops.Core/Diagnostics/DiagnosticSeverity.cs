namespace Mlops.Diagnostics;

public enum DiagnosticSeverity
{
    Error,
    Warning,
}
