using Mlops.Pipelines.Diagnostics;

namespace Mlops.Restore;

/// <summary>A restore problem the user can fix; <see cref="Diagnostic"/> holds its MLOPS4xxx code, message and location.</summary>
public sealed class RestoreException(Diagnostic diagnostic) : Exception(diagnostic.Message)
{
    public Diagnostic Diagnostic { get; } = diagnostic;

    public string Code => Diagnostic.Code;

    public static RestoreException Error(string code, string message, string? file = null) =>
        new(Pipelines.Diagnostics.Diagnostic.Error(code, message, file is null ? null : new SourceLocation(file, 0)));
}
