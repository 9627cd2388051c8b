using NuGet.Versioning;

namespace Mlops.Restore;

/// <summary>A checked <see cref="SubPipelineReference"/>: its range parsed, its registry located, its wrapper's type name chosen.</summary>
public sealed record RequestedSubPipeline(string Name, string RangeText, VersionRange Range, RegistrySource Registry, string TypeName);
