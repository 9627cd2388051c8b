namespace Mlops.Restore;

/// <summary>
/// One <c>&lt;SubPipelineReference Include="NAME" Version="RANGE" Registry="..." Alias="..." /&gt;</c> item, as written in
/// the project (nothing checked yet: <see cref="ReferenceValidator"/> does).
/// </summary>
/// <param name="Name">The pipeline package in the registry, e.g. <c>churn-prediction</c>.</param>
/// <param name="Version">A NuGet version range: <c>1.4.*</c>, <c>[1.4.2]</c>, <c>[1.0,2.0)</c>, <c>2.0.0-*</c>.</param>
/// <param name="Registry">
/// <c>local</c> or empty: the built-in local environment (<c>$(MLOPS_HOME)/registries</c>); otherwise a folder of local
/// registries (the folder holding <c>kfp/</c>), relative to the project's folder.
/// </param>
/// <param name="Alias">The wrapper's type name; empty: the PascalCase of <paramref name="Name"/>.</param>
public sealed record SubPipelineReference(string Name, string? Version, string? Registry = null, string? Alias = null);
