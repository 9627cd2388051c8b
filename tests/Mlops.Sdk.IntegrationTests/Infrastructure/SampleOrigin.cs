namespace Mlops.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// A sample under samples/ and the template it comes from. A sample grown from its template keeps every file the
/// template makes, as the template makes it, except its <see cref="OwnFiles"/>; a sample that only borrows from a
/// template lists the files it borrows in <see cref="Borrowed"/>.
/// </summary>
/// <param name="OwnFiles">Template paths (after the name's replacement) the sample changes or leaves out on purpose, and why.</param>
public sealed record SampleOrigin(string Sample, string Template, IReadOnlyDictionary<string, string> OwnFiles, IReadOnlyList<string>? Borrowed = null)
{
    /// <summary>The sample's folder name is the name it was made with (`dotnet new TEMPLATE -n SAMPLE`).</summary>
    public string Folder => Path.Combine(Repository.Root, "samples", Sample);

    /// <summary>The files this sample must have exactly as the template makes them.</summary>
    public IEnumerable<ExpandedFile> TemplateFiles(IReadOnlyList<ExpandedFile> expanded) =>
        Borrowed is { } borrowed ? expanded.Where(f => borrowed.Contains(f.OutputPath)) : expanded.Where(f => !OwnFiles.ContainsKey(f.OutputPath));

    public override string ToString() => Sample;
}
