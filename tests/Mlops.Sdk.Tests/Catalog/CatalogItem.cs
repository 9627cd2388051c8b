namespace Mlops.Sdk.Tests.Catalog;

/// <summary>An item type the SDK reads, with its metadata, as build/Mlops.Properties.xml describes it.</summary>
internal sealed record CatalogItem(string Name, string Feature, string DefaultText, string Description, IReadOnlyList<CatalogMetadata> Metadata);
