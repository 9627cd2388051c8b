namespace Mlops.Packaging;

/// <summary>A model could not be packaged as asked; <see cref="Code"/> is one of <see cref="PackagingErrorCodes"/>.</summary>
public sealed class PackagingException(string code, string message, Exception? innerException = null) : Exception(message, innerException)
{
    public string Code { get; } = code;
}
