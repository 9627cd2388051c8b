namespace Mlops.Pipelines;

/// <summary>
/// One element of a container's command or args: literal text, or a placeholder that KFP replaces at run time
/// (an input's value, an artifact's path, an output file).
/// </summary>
public readonly struct Arg
{
    internal Arg(string text, string? error = null)
    {
        Text = text;
        Error = error;
    }

    internal string Text { get; }

    /// <summary>Why this argument cannot be used (reported as MLOPS1044 when the task is added).</summary>
    internal string? Error { get; }

    internal static Arg Invalid(string why) => new($"<invalid: {why}>", why);

    public static implicit operator Arg(string text) => new(text);
    public static implicit operator Arg(long value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    public static implicit operator Arg(double value) => new(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    public static implicit operator Arg(bool value) => new(value ? "true" : "false");

    public override string ToString() => Text;
}
