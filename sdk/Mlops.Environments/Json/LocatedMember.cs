using Mlops.Diagnostics;

namespace Mlops.Environments.Json;

/// <summary>One key of a JSON object, where the key is written, and its value.</summary>
internal sealed record LocatedMember(string Key, SourceLocation KeyLocation, LocatedValue Value);
