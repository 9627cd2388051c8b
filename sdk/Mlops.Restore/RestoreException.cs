namespace Mlops.Restore;

/// <summary>A restore problem the user can fix; <see cref="Diagnostic"/> holds its MLOPS4xxx code, message and location.</summary>
public sealed class RestoreException(Diagnostic diagnostic) : MlopsException(diagnostic)
{
    public Diagnostic Diagnostic { get; } = diagnostic;

    public static RestoreException Error(string code, string message, string? file = null) =>
        new(Diagnostic.Error(code, message, file is null ? null : new SourceLocation(file, 0)));
}
