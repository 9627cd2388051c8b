namespace Mlops.Registries;

/// <summary>A registry refused or could not do what was asked; <see cref="Code"/> is one of <see cref="RegistryErrorCodes"/>.</summary>
public class RegistryException(string code, string message, Exception? innerException = null) : Exception(message, innerException)
{
    public string Code { get; } = code;
}
