namespace Mlops.Sdk.Tests.Catalog;

/// <summary>A metadata of a <see cref="CatalogItem"/>.</summary>
internal sealed record CatalogMetadata(string Name, string DefaultText, string Description);
