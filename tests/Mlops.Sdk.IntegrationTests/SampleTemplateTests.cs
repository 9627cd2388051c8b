using System.Text;
using Mlops.Sdk.IntegrationTests.Infrastructure;

namespace Mlops.Sdk.IntegrationTests;

/// <summary>
/// The samples keep in step with the templates they come from, templates/content/ being the source of truth: every
/// file a sample takes from its template is what `dotnet new TEMPLATE -n SAMPLE` makes of it today
/// (<see cref="SampleOrigins"/> says which files a sample changes on purpose). MLOPS_UPDATE_SAMPLES=1 copies the
/// template's version over each file that differs.
/// </summary>
public sealed class SampleTemplateTests
{
    private const string UpdateVariable = "MLOPS_UPDATE_SAMPLES";

    private const string OriginsFile = "tests/Mlops.Sdk.IntegrationTests/Infrastructure/SampleOrigins.cs";

    public static TheoryData<string> Samples() => SampleOrigins.Names();

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_files_a_sample_takes_from_its_template_are_what_the_template_makes(string sample)
    {
        var origin = SampleOrigins.Of(sample);
        var template = TemplateExpansion.Load(origin.Template);
        var expanded = template.Expand(origin.Sample, SampleOrigins.Parameters);
        var update = Environment.GetEnvironmentVariable(UpdateVariable) == "1";
        var problems = new List<string>();

        foreach (var file in origin.TemplateFiles(expanded))
        {
            var path = Path.Combine(origin.Folder, file.OutputPath);
            var actual = File.Exists(path) ? Encoding.UTF8.GetString(File.ReadAllBytes(path)) : null;
            if (actual == file.Content)
            {
                continue;
            }
            if (update)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, Encoding.UTF8.GetBytes(file.Content));
                continue;
            }
            problems.Add($"samples/{sample}/{file.OutputPath} {(actual is null ? "is missing" : $"differs at {FirstDifference(file.Content, actual)}")}: "
                + $"`dotnet new {template.ShortName} -n {sample}` makes it from templates/content/{template.ShortName}/{file.TemplatePath}. "
                + $"The template is the source of truth: run `{UpdateVariable}=1 dotnet test tests/Mlops.Sdk.IntegrationTests --filter {nameof(SampleTemplateTests)}` "
                + $"to copy it over and review `git diff samples/`; or, if the sample changes this file on purpose, add it to {sample}'s own files in {OriginsFile}, saying why.");
        }
        foreach (var (own, why) in origin.OwnFiles)
        {
            var made = expanded.SingleOrDefault(f => f.OutputPath == own);
            var path = Path.Combine(origin.Folder, own);
            if (made is null)
            {
                problems.Add($"samples/{sample}/{own} is listed as the sample's own ({why}) in {OriginsFile}, but {template.ShortName} no longer makes it: remove it from the list.");
            }
            else if (File.Exists(path) && Encoding.UTF8.GetString(File.ReadAllBytes(path)) == made.Content)
            {
                problems.Add($"samples/{sample}/{own} is listed as the sample's own ({why}) in {OriginsFile}, but it is what the template makes: remove it from the list, so it stays in step.");
            }
        }
        foreach (var borrowed in origin.Borrowed ?? [])
        {
            if (!expanded.Any(f => f.OutputPath == borrowed))
            {
                problems.Add($"samples/{sample}/{borrowed} is listed as borrowed from {template.ShortName} in {OriginsFile}, which no longer makes it: remove it from the list.");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, problems));
    }

    /// <summary>`line N: the template makes `…`, the sample has `…``.</summary>
    private static string FirstDifference(string expected, string actual)
    {
        var want = expected.Split('\n');
        var have = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Max(want.Length, have.Length))
            .First(i => i >= want.Length || i >= have.Length || want[i] != have[i]);
        static string Show(string[] lines, int i) =>
            i >= lines.Length ? "nothing (the file ends)" : lines[i].TrimEnd('\r').Length == 0 ? "an empty line" : $"`{lines[i].TrimEnd('\r')}`";
        return $"line {line + 1}: the template makes {Show(want, line)}, the sample has {Show(have, line)}";
    }
}
