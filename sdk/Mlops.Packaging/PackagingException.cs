using Mlops.Diagnostics;

namespace Mlops.Packaging;

/// <summary>A model could not be packaged as asked; <see cref="MlopsException.Code"/> is one of <see cref="ErrorCodes.Packaging"/>.</summary>
public sealed class PackagingException(string code, string message, Exception? innerException = null) : MlopsException(code, message, innerException);
