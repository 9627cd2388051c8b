using System.Text.Json;

namespace Mlops.Environments.Tests;

/// <summary>The environments file each template scaffolds is valid, in the shape, and its schema copy is the SDK's.</summary>
public sealed class TemplateFileTests
{
    public static TheoryData<string> Templates() => ["mlops-subpipeline", "mlops-aggregator"];

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_scaffolded_file_is_valid_with_four_environments_in_a_promotion_chain(string template)
    {
        var path = Path.Combine(Repository.Root, "templates", "content", template, EnvironmentsFile.FileName);

        var file = EnvironmentsFile.Load(path);

        Assert.Equal(["dataops", "dev", "staging", "prod"], file.Environments.Select(e => e.Name));
        Assert.Equal(["dataops"], file.Environments.Where(e => e.Training).Select(e => e.Name));
        Assert.Equal([null, "dataops", "dev", "staging"], file.Environments.Select(e => e.PromotesFrom));
        Assert.Equal(["prod"], file.Environments.Where(e => e.RequiresApproval).Select(e => e.Name));
        Assert.All(file.Environments, e => Assert.Equal(EnvironmentRunner.Vertex, e.Runner?.Kind));
        var json = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        Assert.Equal("./mlops.environments.schema.json", json.GetProperty("$schema").GetString());
        var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "sdk", "Mlops.Sdk", "schemas", "mlops.environments.schema.json"))).RootElement;
        Assert.Empty(new SchemaSubsetValidator(schema).Validate(json));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_template_s_schema_copy_is_the_SDK_s_schema(string template)
    {
        var copy = Path.Combine(Repository.Root, "templates", "content", template, "mlops.environments.schema.json");
        var original = Path.Combine(Repository.Root, "sdk", "Mlops.Sdk", "schemas", "mlops.environments.schema.json");

        Assert.True(File.ReadAllBytes(copy).SequenceEqual(File.ReadAllBytes(original)),
            $"{copy} differs from {original}: copy the SDK's schema over it (cp {original} {copy}).");
    }
}
