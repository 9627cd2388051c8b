using System.Xml.Linq;
using Microsoft.Build.Execution;
using Mlops.Sdk.Tests.Catalog;
using Mlops.Sdk.Tests.Support;

namespace Mlops.Sdk.Tests.Evaluation;

/// <summary>The catalog says what the SDK's files do: each default is what evaluation gives, and yields to the project's value.</summary>
public sealed class CatalogDefaultTests
{
    /// <summary>Properties the SDK's files set that are not for users (markers and where the SDK is).</summary>
    private static readonly string[] NotUserFacing = ["UsingMlopsSdk", "MlopsSdkDirectory", "DefaultItemExcludes"];

    private static IEnumerable<CatalogProperty> Settable => PropertyCatalog.Source.Properties.Where(p => p.Type != "file");

    [Fact]
    public void Every_default_of_the_catalog_is_what_evaluation_gives()
    {
        using var project = new SdkProject();
        var evaluated = project.Evaluate();

        var drifted = Settable
            .Select(p => (p.Name, Catalog: evaluated.ExpandString(p.Default ?? ""), Evaluated: evaluated.GetPropertyValue(p.Name)))
            .Where(p => p.Catalog != p.Evaluated)
            .Select(p => $"{p.Name}: the catalog says '{p.Catalog}', evaluation gives '{p.Evaluated}'")
            .ToList();
        Assert.True(drifted.Count == 0, string.Join("\n", drifted));
        Assert.Contains(PropertyCatalog.Source.Properties, p => p.Default is not null && p.Default.Contains("$(", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_default_yields_to_the_project_s_own_value_and_every_target_list_extends()
    {
        var values = Settable.ToDictionary(p => p.Name, ProjectValue);
        using var project = new SdkProject($"""
              <PropertyGroup>
            {string.Concat(values.Select(v => $"    <{v.Key}>{v.Value}</{v.Key}>\n"))}  </PropertyGroup>
            """);
        using var defaults = new SdkProject();
        var evaluatedDefaults = defaults.Evaluate();
        var evaluated = project.Evaluate();

        var overridden = Settable
            .Select(p => (p.Name, Expected: p.Type == "targets" ? evaluatedDefaults.ExpandString(p.Default ?? "") + values[p.Name] : values[p.Name],
                Evaluated: evaluated.GetPropertyValue(p.Name)))
            .Where(p => p.Expected != p.Evaluated)
            .Select(p => $"{p.Name}: the project set '{values[p.Name]}', so it should be '{p.Expected}', but evaluation gives '{p.Evaluated}'")
            .ToList();
        Assert.True(overridden.Count == 0, string.Join("\n", overridden));
    }

    [Fact]
    public void Every_user_facing_property_the_SDK_s_files_set_is_in_the_catalog()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.SdkDirectory, "build"), "*.props")
            .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.SdkDirectory, "build"), "*.targets"))
            .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.SdkDirectory, "Sdk")));
        var set = files.SelectMany(f => XDocument.Load(f).Descendants().Where(e => e.Parent?.Name.LocalName == "PropertyGroup"))
            .Select(e => e.Name.LocalName)
            .Where(name => !name.StartsWith('_') && !NotUserFacing.Contains(name))
            .Distinct();

        var missing = set.Except(PropertyCatalog.Source.Properties.Select(p => p.Name)).ToList();
        Assert.True(missing.Count == 0, $"Set by the SDK but not in build/Mlops.Properties.xml: {string.Join(", ", missing)}");
    }

    [Fact]
    public void MlopsSubPipelinesNamespace_without_a_RootNamespace_is_SubPipelines()
    {
        using var project = new SdkProject("""
              <PropertyGroup>
                <RootNamespace></RootNamespace>
              </PropertyGroup>
            """);

        Assert.Equal("SubPipelines", project.Evaluate().GetPropertyValue("MlopsSubPipelinesNamespace"));
    }

    [Fact]
    public void The_restore_switches_follow_dotnet_restore_s_own()
    {
        using var project = new SdkProject();
        var evaluated = project.Evaluate(new Dictionary<string, string> { ["RestoreLockedMode"] = "true", ["RestoreForceEvaluate"] = "true" });

        Assert.Equal("true", evaluated.GetPropertyValue("MlopsRestoreLockedMode"));
        Assert.Equal("true", evaluated.GetPropertyValue("MlopsRestoreForceEvaluate"));
    }

    [Fact]
    public void Packing_with_NoBuild_does_not_build_first()
    {
        using var project = new SdkProject();
        var evaluated = project.Evaluate(new Dictionary<string, string> { ["NoBuild"] = "true" });

        Assert.Equal("_MlopsResolveComponents;", evaluated.GetPropertyValue("MlopsPackModelDependsOn"));
    }

    /// <summary>A value a project may give the property, other than its default.</summary>
    private static string ProjectValue(CatalogProperty property) => property.Name switch
    {
        "TargetFramework" => "net9.0",
        "OutputType" => "Library",
        _ => property.Type switch
        {
            "bool" => property.Default == "true" ? "false" : "true",
            "path" => "custom/path/",
            "version" => "9.9.9",
            "targets" => "MyTarget",
            _ => "custom-" + property.Name.ToLowerInvariant(),
        },
    };
}
