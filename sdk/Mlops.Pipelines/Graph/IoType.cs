using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Graph;

/// <summary>The KFP type of an input or output: a parameter type, or an artifact schema (optionally a list of them).</summary>
internal sealed record IoType(ParameterType ParameterType, string? SchemaTitle = null, string? SchemaVersion = null, bool IsArtifactList = false)
{
    public bool IsArtifact => SchemaTitle is not null;

    public static IoType Parameter(ParameterType type) => new(type);

    public static IoType Artifact(string schemaTitle, string schemaVersion, bool isList = false) =>
        new(ParameterType.Unspecified, schemaTitle, schemaVersion, isList);

    public static IoType From(ParameterSpec spec) => Parameter(spec.ParameterType);

    public static IoType From(ArtifactSpec spec) =>
        Artifact(spec.ArtifactType.SchemaTitle ?? "system.Artifact", spec.ArtifactType.SchemaVersion ?? "0.0.1", spec.IsArtifactList);

    public ArtifactTypeSchema ToSchema() => new() { SchemaTitle = SchemaTitle, SchemaVersion = SchemaVersion };

    /// <summary>How a user reads this type in a message.</summary>
    public string Describe() => IsArtifact
        ? (IsArtifactList ? $"list of {SchemaTitle} artifacts" : $"{SchemaTitle} artifact")
        : ParameterType switch
        {
            ParameterType.String => "string parameter",
            ParameterType.NumberInteger => "integer parameter",
            ParameterType.NumberDouble => "double parameter",
            ParameterType.Boolean => "bool parameter",
            ParameterType.List => "list parameter",
            ParameterType.Struct => "dictionary parameter",
            ParameterType.TaskFinalStatus => "task final status",
            _ => "parameter",
        };

    /// <summary>Whether a value of this type may feed an input of <paramref name="input"/> type (KFP's type check).</summary>
    public bool CanFeed(IoType input)
    {
        if (IsArtifact != input.IsArtifact)
        {
            return false;
        }
        if (IsArtifact)
        {
            return IsArtifactList == input.IsArtifactList
                && (SchemaTitle == input.SchemaTitle || SchemaTitle == "system.Artifact" || input.SchemaTitle == "system.Artifact");
        }
        return ParameterType == input.ParameterType
            || (ParameterType == ParameterType.NumberInteger && input.ParameterType == ParameterType.NumberDouble);
    }
}
