using System.Xml.Linq;
using Mlops.Sdk.Tests.Support;

namespace Mlops.Sdk.Tests.Catalog;

/// <summary>build/Mlops.Properties.xml: every user-facing property and item of the SDK, in the order the README lists them.</summary>
internal sealed class PropertyCatalog
{
    private PropertyCatalog(IReadOnlyList<CatalogProperty> properties, IReadOnlyList<CatalogItem> items)
    {
        Properties = properties;
        Items = items;
    }

    public IReadOnlyList<CatalogProperty> Properties { get; }

    public IReadOnlyList<CatalogItem> Items { get; }

    public static PropertyCatalog Source { get; } = Load(RepositoryPaths.CatalogFile);

    public static PropertyCatalog Load(string path)
    {
        var root = XDocument.Load(path).Root ?? throw new InvalidDataException($"{path} is empty.");
        var properties = root.Elements("Property").Select(p => new CatalogProperty(
            Required(p, "Name"), Required(p, "Feature"), Required(p, "Type"),
            (string?)p.Attribute("Default"), (string?)p.Attribute("DefaultText"), Required(p, "Description"),
            (string?)p.Attribute("Kind") == "extension")).ToList();
        var items = root.Elements("Item").Select(i => new CatalogItem(
            Required(i, "Name"), Required(i, "Feature"), Required(i, "DefaultText"), Required(i, "Description"),
            i.Elements("Metadata").Select(m => new CatalogMetadata(Required(m, "Name"), Required(m, "DefaultText"), Required(m, "Description"))).ToList())).ToList();
        return new PropertyCatalog(properties, items);
    }

    private static string Required(XElement element, string attribute) =>
        (string?)element.Attribute(attribute)
        ?? throw new InvalidDataException($"{element.Name} {(string?)element.Attribute("Name")} in the catalog has no {attribute}.");
}
