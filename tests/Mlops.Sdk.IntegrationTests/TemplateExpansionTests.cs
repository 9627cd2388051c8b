using System.Text;
using Mlops.Sdk.IntegrationTests.Infrastructure;

namespace Mlops.Sdk.IntegrationTests;

/// <summary>
/// <see cref="SampleTemplateTests"/> computes what the templates make (<see cref="TemplateExpansion"/>) instead of
/// running the template engine; this checks that computation against the engine: for each sample, `dotnet new` with
/// the packed template pack makes exactly the files, paths and contents, that the expansion says.
/// </summary>
public sealed class TemplateExpansionTests(ITestOutputHelper output)
{
    public static TheoryData<string> Samples() => SampleOrigins.Names();

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task The_expansion_of_a_samples_template_is_what_dotnet_new_makes(string sample)
    {
        var origin = SampleOrigins.Of(sample);
        var hive = await TemplateHive.GetAsync();
        var parent = TestRun.NewDirectory("template-expansion");
        (await TestRun.Dotnet.RunAsync(parent, ["new", origin.Template, "-n", sample, "--feed", SampleOrigins.Parameters["feed"], "--debug:custom-hive", hive],
            output.WriteLine)).EnsureSuccess();
        var made = Path.Combine(parent, sample);

        var expanded = TemplateExpansion.Load(origin.Template).Expand(sample, SampleOrigins.Parameters);

        var engine = Directory.EnumerateFiles(made, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(made, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expanded.Select(f => f.OutputPath).ToList(), engine);
        foreach (var file in expanded)
        {
            var content = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(made, file.OutputPath)));
            Assert.True(content == file.Content,
                $"dotnet new {origin.Template} made {file.OutputPath} other than {nameof(TemplateExpansion)} expands it:\n--- dotnet new\n{content}\n--- expansion\n{file.Content}");
        }
    }
}
