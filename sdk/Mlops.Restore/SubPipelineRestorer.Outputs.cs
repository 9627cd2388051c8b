using System.Text;

namespace Mlops.Restore;

public static partial class SubPipelineRestorer
{
    /// <summary>
    /// The IR copy of a sub-pipeline in the output folder: <c>NAME.subpipeline.yaml</c>, so that MSBuild never takes a
    /// package name such as <c>scoring.de</c> for a culture-specific resource. The build embeds it as
    /// <c>mlops/subpipelines/NAME.yaml</c>.
    /// </summary>
    public static string IrPathOf(string output, string name) => Path.Combine(output, name + IrSuffix);

    private const string IrSuffix = ".subpipeline.yaml";
    private const string SourceSuffix = ".g.cs";

    /// <summary>The wrapper a previous restore generated, when it was generated from the same inputs (its first line says so).</summary>
    private static string? ReadCurrentWrapper(string path, WrapperInfo info)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var code = File.ReadAllText(path);
        return code.StartsWith(WrapperGenerator.FirstLine(info) + "\n", StringComparison.Ordinal) ? code : null;
    }

    /// <summary>
    /// Writes <c>NAME.yaml</c> and <c>NAME.g.cs</c> per sub-pipeline (only when changed), and deletes the files of other
    /// names, except those in <paramref name="keep"/> (offline restore leaves what it could not redo).
    /// </summary>
    private static void WriteOutputs(string output, IReadOnlyList<(RestoredSubPipeline SubPipeline, byte[] Ir, string Code)> generated, IReadOnlySet<string>? keep)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (subPipeline, ir, code) in generated)
        {
            GeneratedFiles.WriteIfChanged(subPipeline.IrPath, ir);
            GeneratedFiles.WriteIfChanged(subPipeline.SourcePath, new UTF8Encoding(false).GetBytes(code));
            written.Add(subPipeline.IrPath);
            written.Add(subPipeline.SourcePath);
        }
        if (!Directory.Exists(output))
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(output))
        {
            var fileName = Path.GetFileName(file);
            var name = fileName.EndsWith(IrSuffix, StringComparison.Ordinal) ? fileName[..^IrSuffix.Length]
                : fileName.EndsWith(SourceSuffix, StringComparison.Ordinal) ? fileName[..^SourceSuffix.Length]
                : null;
            if (name is not null && !written.Contains(file) && !(keep?.Contains(name) ?? false))
            {
                File.Delete(file);
            }
        }
    }
}
