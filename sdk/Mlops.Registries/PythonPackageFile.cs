namespace Mlops.Registries;

/// <summary>A distribution file in a Python package index.</summary>
/// <param name="Project">The project's PEP 503 normalized name, e.g. <c>churn-model</c>.</param>
/// <param name="FileName">The file's name, e.g. <c>churn_model-1.0.0-py3-none-any.whl</c>.</param>
/// <param name="Version">The version as the file name spells it.</param>
/// <param name="Sha256">The file's sha256 in lower-case hex, as the index's <c>#sha256=</c> fragment gives it.</param>
public sealed record PythonPackageFile(string Project, string FileName, string Version, string Sha256);
