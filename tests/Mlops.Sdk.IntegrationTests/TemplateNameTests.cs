using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Mlops.Sdk.IntegrationTests.Infrastructure;

namespace Mlops.Sdk.IntegrationTests;

/// <summary>
/// `dotnet new` of each template with names people give repositories (dashes, dots, spaces, a digit first, letters
/// outside ASCII, a C# keyword, XML and shell characters, 120 characters): every name the scaffold derives is one
/// its consumer accepts (C#, KFP and Vertex AI, OCI, NuGet, Python), and for a few the scaffold builds and its tests pass.
/// </summary>
public sealed partial class TemplateNameTests(ITestOutputHelper output)
{
    private static readonly string[] OddNames =
    [
        "churn-team", "Contoso.Churn", "my team", "1st-team", "1st team", "Ünïcödé", "_x", new string('x', 120), "CON", "a",
        "o'brien", "class", "R&D", "Contoso..Churn",
    ];

    public static TheoryData<string, string> TemplatesAndNames()
    {
        var data = new TheoryData<string, string>();
        foreach (var template in new[] { "mlops-subpipeline", "mlops-aggregator" })
        {
            foreach (var name in OddNames)
            {
                data.Add(template, name);
            }
        }
        return data;
    }

    public static TheoryData<string> BuiltNames() => ["churn-team", "Contoso.Churn", "1st team", "Ünïcödé"];

    [Theory]
    [MemberData(nameof(TemplatesAndNames))]
    public async Task Every_name_the_scaffold_derives_is_valid_where_it_is_used(string template, string name)
    {
        var repository = await ScaffoldAsync(template, name, []);

        var csharp = Directory.EnumerateFiles(repository, "*.cs", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(csharp);
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in csharp)
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file);
            Assert.Empty(tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
            var root = tree.GetCompilationUnitRoot();
            foreach (var declaration in root.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>())
            {
                Assert.All(declaration.Name.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>(), AssertIdentifier);
                namespaces.Add(declaration.Name.ToString());
            }
            Assert.All(root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>(), type => AssertIdentifier(type.Identifier));
        }

        var pipelines = File.ReadAllText(Path.Combine(repository, "Pipelines.cs"));
        var pipelineNames = PipelineAttribute().Matches(pipelines).Select(m => m.Groups["name"].Value).ToList();
        Assert.Equal(template == "mlops-subpipeline" ? 2 : 1, pipelineNames.Count);
        Assert.All(pipelineNames, pipeline => Assert.Matches(KfpPipelineName(), pipeline));

        var project = XDocument.Load(Assert.Single(Directory.GetFiles(repository, "*.csproj")));
        var imageRepository = Property(project, "MlopsImageRepository");
        Assert.All(Directory.GetDirectories(Path.Combine(repository, "components")),
            component => Assert.Matches(ImageName(), $"{imageRepository}/{Path.GetFileName(component)}"));
        if (template == "mlops-subpipeline")
        {
            var packageId = Property(project, "MlopsModelPackageId");
            Assert.True(packageId.Length <= 100 && NuGetPackageId().IsMatch(packageId), $"'{packageId}' is not a NuGet package id");
            var distribution = packageId.Replace('.', '-');
            Assert.Matches(PythonDistributionName(), distribution);
            var import = PythonSeparators().Replace(distribution, "_").ToLowerInvariant();
            Assert.Matches(PythonIdentifier(), import);
            Assert.Contains($"package:{import} ", pipelines);

            var tests = Assert.Single(Directory.GetDirectories(Path.Combine(repository, "tests")));
            XDocument.Load(Assert.Single(Directory.GetFiles(tests, "*.csproj")));
            var ciTests = CiTestCommand().Match(File.ReadAllText(Path.Combine(repository, ".github", "workflows", "ci.yml")));
            Assert.True(ciTests.Success && Directory.Exists(Path.Combine(repository, ciTests.Groups["path"].Value)),
                $"ci.yml's dotnet test names no folder of the scaffold: {ciTests.Value}");
        }
        else
        {
            Assert.Contains(Property(project, "RootNamespace"), namespaces);
        }
    }

    [Theory]
    [MemberData(nameof(BuiltNames))]
    public async Task A_repository_with_an_odd_name_builds_and_its_tests_pass(string name)
    {
        var repository = await ScaffoldAsync("mlops-subpipeline", name, ["--feed", RepositoryLayout.PackagesDirectory]);

        (await TestRun.Dotnet.BuildAsync(repository, output.WriteLine)).EnsureSuccess();
        var test = (await TestRun.Dotnet.RunAsync(repository, ["test"], output.WriteLine)).EnsureSuccess();

        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+[1-9]", test.Output);
        var emitted = Directory.GetFiles(Path.Combine(repository, "bin", "Debug", "net10.0", "pipelines"), "*.yaml").Select(Path.GetFileName).Order().ToList();
        var declared = PipelineAttribute().Matches(File.ReadAllText(Path.Combine(repository, "Pipelines.cs"))).Select(m => m.Groups["name"].Value + ".yaml").Order();
        Assert.Equal(declared, emitted);
    }

    /// <summary>`dotnet new TEMPLATE -n NAME` in a new folder: it succeeds and shows no stack trace; the scaffold's folder.</summary>
    private async Task<string> ScaffoldAsync(string template, string name, string[] options)
    {
        var hive = await TemplateHive.GetAsync();
        var parent = TestRun.NewDirectory("template-name");
        var made = (await TestRun.Dotnet.RunAsync(parent, ["new", template, "-n", name, .. options, "--debug:custom-hive", hive], output.WriteLine)).EnsureSuccess();
        Assert.DoesNotMatch(StackTraceLine(), made.AllOutput);
        var repository = Path.Combine(parent, name);
        Assert.True(Directory.Exists(repository), $"dotnet new made no folder '{name}' in {parent}");
        return repository;
    }

    private static void AssertIdentifier(IdentifierNameSyntax name) => AssertIdentifier(name.Identifier);

    /// <summary>A name the compiler takes as an identifier: valid, and a keyword only when written with '@'.</summary>
    private static void AssertIdentifier(SyntaxToken identifier)
    {
        Assert.True(SyntaxFacts.IsValidIdentifier(identifier.ValueText), $"'{identifier.Text}' is not a C# identifier");
        Assert.True(identifier.Text.StartsWith('@') || SyntaxFacts.GetKeywordKind(identifier.Text) == SyntaxKind.None, $"'{identifier.Text}' is a C# keyword");
    }

    private static string Property(XDocument project, string name) =>
        Assert.Single(project.Descendants(name)).Value;

    [GeneratedRegex(@"\[Pipeline\(""(?<name>[^""]*)""")]
    private static partial Regex PipelineAttribute();

    /// <summary>KFP's and Vertex AI's rule, with room for "-YYYYMMDDhhmmss" in a 128-character job id (the SDK's MLOPS1001 check).</summary>
    [GeneratedRegex("^[a-z][a-z0-9-]{0,112}$")]
    private static partial Regex KfpPipelineName();

    /// <summary>An OCI repository, with a registry host first (Mlops.Validation.targets, MLOPS0001).</summary>
    [GeneratedRegex("^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex ImageName();

    [GeneratedRegex(@"^\w+([.-]\w+)*$")]
    private static partial Regex NuGetPackageId();

    /// <summary>PEP 508: ASCII letters, digits, '.', '_', '-', starting and ending with a letter or digit.</summary>
    [GeneratedRegex("^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$")]
    private static partial Regex PythonDistributionName();

    [GeneratedRegex("[-_.]+")]
    private static partial Regex PythonSeparators();

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex PythonIdentifier();

    [GeneratedRegex(@"run: dotnet test (?<path>\S+)")]
    private static partial Regex CiTestCommand();

    [GeneratedRegex(@"(?m)^\s+at \S+\(|Exception:")]
    private static partial Regex StackTraceLine();
}
