using System.Reflection;

namespace Mlops.Pipelines.Compiler;

/// <summary>What the compiler needs to know beyond the pipeline's code.</summary>
public sealed class CompileOptions
{
    /// <summary>Component image names of this project → the image references written to the IR.</summary>
    public IReadOnlyDictionary<string, string> Images { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Written as <c>sdkVersion</c>.</summary>
    public string SdkVersion { get; init; } = DefaultSdkVersion;

    public static string DefaultSdkVersion { get; } = "mlops-sdk-" + (typeof(CompileOptions).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0");

    /// <summary>The options the SDK generated into <paramref name="assembly"/> (its <see cref="ComponentImageAttribute"/>s).</summary>
    public static CompileOptions For(Assembly assembly) => new()
    {
        Images = assembly.GetCustomAttributes<ComponentImageAttribute>()
            .GroupBy(a => a.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Reference, StringComparer.Ordinal),
    };
}
