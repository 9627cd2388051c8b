namespace Mlops.Sdk.Tests.Catalog;

/// <summary>A user-facing property of the SDK as build/Mlops.Properties.xml describes it.</summary>
/// <param name="Default">The MSBuild expression the SDK's files give it; null when the SDK gives it none.</param>
internal sealed record CatalogProperty(
    string Name, string Feature, string Type, string? Default, string? DefaultText, string Description, bool IsExtensionPoint)
{
    /// <summary>The default as the README shows it.</summary>
    public string ShownDefault => DefaultText ?? (Default is null ? "(none)" : $"`{Default}`");
}
