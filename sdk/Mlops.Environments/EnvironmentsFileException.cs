using Mlops.Diagnostics;

namespace Mlops.Environments;

/// <summary>What is wrong in an environments file, every problem at once, each at its line and column; codes are <see cref="ErrorCodes.Environments"/>.</summary>
public sealed class EnvironmentsFileException(IReadOnlyList<Diagnostic> diagnostics) : MlopsException(diagnostics);
