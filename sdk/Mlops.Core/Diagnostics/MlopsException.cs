namespace Mlops.Diagnostics;

/// <summary>
/// A problem the user can fix, raised as an exception: its diagnostics carry the stable code, the message that says
/// what to change and, when one exists, the location. Every layer's exception derives from it, so the tool and the
/// team's program report them all the same way and never as a stack trace.
/// </summary>
public class MlopsException : Exception
{
    public MlopsException(IReadOnlyList<Diagnostic> diagnostics, Exception? innerException = null)
        : this(string.Join(Environment.NewLine, diagnostics.Select(d => d.Message)), diagnostics, innerException)
    {
    }

    protected MlopsException(string message, IReadOnlyList<Diagnostic> diagnostics, Exception? innerException = null)
        : base(message, innerException)
    {
        if (diagnostics.Count == 0)
        {
            throw new ArgumentException("An MlopsException needs at least one diagnostic.", nameof(diagnostics));
        }
        Diagnostics = diagnostics;
    }

    public MlopsException(Diagnostic diagnostic, Exception? innerException = null) : this([diagnostic], innerException)
    {
    }

    public MlopsException(string code, string message, Exception? innerException = null)
        : this(Diagnostic.Error(code, message), innerException)
    {
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>The code of the first diagnostic.</summary>
    public string Code => Diagnostics[0].Code;
}
