using System.Text.Json;

namespace Mlops.Environments.Tests;

/// <summary>The JSON Schema shipped for editors and the reader accept the same file shape.</summary>
public sealed class SchemaTests
{
    private static readonly string SchemaPath = Path.Combine(Repository.Root, "sdk", "Mlops.Sdk", "schemas", "mlops.environments.schema.json");

    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(SchemaPath)).RootElement;

    public static TheoryData<string, string> Objects() => new()
    {
        { "root", "" },
        { "environment", "definitions/environment" },
        { "registries", "definitions/registries" },
        { "runner", "definitions/runner" },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Every_key_the_reader_accepts_is_in_the_schema_and_no_other(string name, string pointer)
    {
        var expected = name switch
        {
            "root" => EnvironmentsFileKeys.Root,
            "environment" => EnvironmentsFileKeys.Environment,
            "registries" => EnvironmentsFileKeys.Registries,
            _ => EnvironmentsFileKeys.Runner,
        };
        var schemaObject = At(pointer);

        Assert.Equal(expected.Order(StringComparer.Ordinal), schemaObject.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.False, schemaObject.GetProperty("additionalProperties").ValueKind);
        Assert.Equal("object", schemaObject.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(schemaObject.GetProperty("description").GetString()));
    }

    [Fact]
    public void Every_key_of_the_schema_has_a_description_and_a_type()
    {
        var missing = new List<string>();
        foreach (var (name, pointer) in new[] { ("root", ""), ("environment", "definitions/environment"), ("registries", "definitions/registries"), ("runner", "definitions/runner") })
        {
            foreach (var property in At(pointer).GetProperty("properties").EnumerateObject())
            {
                var definition = property.Value.TryGetProperty("$ref", out var reference)
                    ? At(reference.GetString()!.TrimStart('#', '/'))
                    : property.Value;
                if (!definition.TryGetProperty("description", out _) || !definition.TryGetProperty("type", out _))
                {
                    missing.Add($"{name}.{property.Name}");
                }
            }
        }
        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }

    [Fact]
    public void The_schema_requires_the_registries_the_reader_requires()
    {
        Assert.Equal(EnvironmentsFileKeys.RequiredRegistries, At("definitions/registries").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData(SampleFiles.Issue)]
    [InlineData(SampleFiles.Minimal)]
    public void The_samples_the_reader_accepts_validate_against_the_schema(string json)
    {
        EnvironmentsFile.Parse(json, SampleFiles.Path);

        Assert.Empty(new SchemaSubsetValidator(Schema).Validate(JsonDocument.Parse(json).RootElement));
    }

    [Theory]
    [InlineData("\"pipelines\":", "\"pipeline\":")]
    [InlineData("\"dataops\"", "\"local\"")]
    [InlineData("\"training\": true", "\"training\": \"yes\"")]
    [InlineData("\"http://localhost:5055/components\"", "\"https://localhost:5055/components\"")]
    [InlineData("\"http://127.0.0.1:5057/simple/\"", "\"/srv/simple\"")]
    public void A_mistake_the_reader_reports_the_schema_reports_too(string original, string broken)
    {
        var json = SampleFiles.Minimal.Replace(original, broken);

        Assert.Throws<EnvironmentsFileException>(() => EnvironmentsFile.Parse(json, SampleFiles.Path));
        Assert.NotEmpty(new SchemaSubsetValidator(Schema).Validate(JsonDocument.Parse(json).RootElement));
    }

    private static JsonElement At(string pointer) =>
        pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate(Schema, (element, part) => element.GetProperty(part));
}
