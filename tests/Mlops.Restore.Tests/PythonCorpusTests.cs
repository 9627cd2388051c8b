using Mlops.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Mlops.Pipelines;
using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Ir;
using Mlops.Restore.Tests.Support;
using Xunit.Abstractions;

namespace Mlops.Restore.Tests;

/// <summary>
/// Sub-pipelines compiled by the Python KFP SDK (the corpus in ../shared/kfp-ir-corpus/pipelines): every one gets a
/// wrapper that compiles warning-free, and each without required inputs runs from C# with nothing passed, so every
/// default the wrapper declares equals the one in the IR.
/// </summary>
public sealed class PythonCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_Python_compiled_pipeline_gets_a_wrapper_that_compiles_and_keeps_its_defaults()
    {
        if (SharedFolder.Require("kfp-ir-corpus/pipelines", output) is not { } folder)
        {
            return;
        }

        var sources = new List<(string Path, string Code)>();
        var resources = new List<(string Name, byte[] Bytes)>();
        var runnable = new List<(string Pipeline, string Wrapper)>();
        var unsupported = new List<string>();
        foreach (var (file, index) in Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select((f, i) => (f, i)))
        {
            var bytes = File.ReadAllBytes(file);
            var package = $"corpus-{index}";
            var typeName = "P" + index + CSharpNames.PascalCase(Path.GetFileNameWithoutExtension(file));
            var spec = IrFile.Parse(Encoding.UTF8.GetString(bytes), file).Spec;
            string code;
            try
            {
                code = WrapperGenerator.Generate(new WrapperInfo("Corpus", typeName, package, "1.*", "1.0.0", "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes))), spec, file);
            }
            catch (RestoreException e) when (e.Code == ErrorCodes.Restore.UnsupportedInterface)
            {
                unsupported.Add(Path.GetFileName(file));
                continue;
            }
            sources.Add(($"{package}.g.cs", code));
            resources.Add(($"mlops/subpipelines/{package}.yaml", bytes));
            if (!code.Contains(" required ", StringComparison.Ordinal))
            {
                runnable.Add(($"use-{index}", typeName));
            }
        }
        var aggregators = string.Join("\n", runnable.Select(r => $$"""
            /// <summary>Runs {{r.Wrapper}} with its defaults.</summary>
            [global::Mlops.Pipelines.Pipeline("{{r.Pipeline}}")]
            public sealed class Use{{r.Wrapper}} : global::Mlops.Pipelines.Pipeline
            {
                /// <inheritdoc />
                protected override void Build() => Run(new Corpus.{{r.Wrapper}}());
            }
            """));

        var build = CSharpBuild.Compile(sources.Append(("Aggregators.cs", aggregators)), resources);

        Assert.True(build.Assembly is not null, build.Describe());
        Assert.Empty(build.Diagnostics);
        foreach (var (pipeline, wrapper) in runnable)
        {
            var compiled = PipelineCompiler.Compile((Pipeline)Activator.CreateInstance(build.Assembly.GetType("Use" + wrapper)!)!);
            Assert.True(compiled.Succeeded, $"{wrapper}: {string.Join("\n", compiled.Diagnostics)}");
            var task = Assert.Single(compiled.Spec.Root.Dag!.Tasks!).Value;
            Assert.True((task.Inputs?.Parameters?.Count ?? 0) + (task.Inputs?.Artifacts?.Count ?? 0) == 0,
                $"{wrapper} passed inputs it left at their defaults: {string.Join(", ", task.Inputs?.Parameters?.Keys.AsEnumerable() ?? [])}");
        }
        output.WriteLine($"{sources.Count} wrappers compiled, {runnable.Count} run with their defaults; no wrapper for {unsupported.Count}: {string.Join(", ", unsupported)}");
        Assert.True(sources.Count > 0);
    }
}
