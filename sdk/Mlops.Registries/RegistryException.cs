using Mlops.Diagnostics;

namespace Mlops.Registries;

/// <summary>A registry refused or could not do what was asked; <see cref="MlopsException.Code"/> is one of <see cref="ErrorCodes.Registries"/>.</summary>
public class RegistryException(string code, string message, Exception? innerException = null) : MlopsException(code, message, innerException);
