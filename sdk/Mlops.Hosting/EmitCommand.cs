using System.CommandLine;
using System.Reflection;
using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Diagnostics;

namespace Mlops.Pipelines.Hosting;

/// <summary><c>emit</c>: compiles every pipeline to an IR file, or writes nothing and prints every problem.</summary>
public static class EmitCommand
{
    internal static Command Create(Assembly assembly)
    {
        var output = new Option<DirectoryInfo>("--output") { Required = true, Description = "The folder to write one IR file per pipeline into." };
        var componentImages = new Option<string[]>("--image") { Description = "A component image of this project, as NAME=REFERENCE (the reference the IR uses).", AllowMultipleArgumentsPerToken = false };
        var pipelines = new Option<string[]>("--pipeline") { Description = "Emit only this pipeline (repeatable)." };
        var manifest = new Option<FileInfo?>("--manifest") { Description = "Written last, once every IR file is: the files written, then a completion line." };
        var command = new Command("emit", "Compiles the pipelines to KFP IR YAML files.") { output, componentImages, pipelines, manifest };
        command.SetAction(parsed =>
        {
            var options = CompileOptions.For(assembly);
            var images = new Dictionary<string, string>(options.Images, StringComparer.Ordinal);
            foreach (var component in parsed.GetValue(componentImages) ?? [])
            {
                var pair = component.Split('=', 2);
                if (pair.Length != 2 || pair[0].Length == 0 || !ImageReference.TryParse(pair[1], out var reference) || !reference.IsQualified)
                {
                    Console.Error.WriteLine($"--image '{component}' is not NAME=REFERENCE with a tag or digest.");
                    return 2;
                }
                images[pair[0]] = pair[1];
            }
            return Emit(assembly, new CompileOptions { Images = images, SdkVersion = options.SdkVersion },
                parsed.GetValue(output)!, parsed.GetValue(pipelines) ?? [], Console.Out, parsed.GetValue(manifest));
        });
        return command;
    }

    /// <summary>The manifest's last line: the program got to the end (a pipeline's code did not end the process first).</summary>
    public const string ManifestCompleteLine = "# emit complete";

    /// <summary>
    /// Compiles and writes all pipelines, or writes nothing and prints every problem. The <paramref name="manifest"/>,
    /// when given, is written last: the files written, then <see cref="ManifestCompleteLine"/>; its absence tells the
    /// build that the program ended early (<c>Environment.Exit</c> in a pipeline's code exits with 0 too).
    /// </summary>
    public static int Emit(Assembly assembly, CompileOptions options, DirectoryInfo output, IReadOnlyCollection<string> only, TextWriter log, FileInfo? manifest = null)
    {
        manifest?.Delete();
        var (pipelines, compileDiagnostics) = PipelineCatalog.CompileAll(assembly, options, only);
        var (schedules, scheduleDiagnostics) = PipelineSchedules.Of(PipelineCatalog.Discover(assembly), pipelines);
        var diagnostics = compileDiagnostics.Concat(scheduleDiagnostics).ToList();
        foreach (var diagnostic in diagnostics)
        {
            log.WriteLine(diagnostic.ToCanonicalString());
        }
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return 1;
        }
        output.Create();
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pipeline in pipelines)
        {
            var path = Path.Combine(output.FullName, pipeline.Name + ".yaml");
            pipeline.ToIrFile().Save(path);
            foreach (var secret in SecretsInIr.Find(pipeline.Name, File.ReadAllText(path)))
            {
                log.WriteLine(secret.ToCanonicalString());
            }
            written.Add(path);
            log.WriteLine($"{pipeline.Name} -> {path}");
        }
        if (only.Count == 0)
        {
            foreach (var stale in output.EnumerateFiles("*.yaml").Where(f => !written.Contains(f.FullName)))
            {
                stale.Delete();
            }
            DeclaredSchedule.Write(output.FullName, schedules);
        }
        if (manifest is not null)
        {
            var temp = manifest.FullName + ".tmp";
            File.WriteAllLines(temp, [.. written.Order(StringComparer.Ordinal), ManifestCompleteLine]);
            File.Move(temp, manifest.FullName, overwrite: true);
        }
        return 0;
    }
}
