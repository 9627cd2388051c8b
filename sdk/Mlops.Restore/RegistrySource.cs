using Mlops.Registries;

namespace Mlops.Restore;

/// <summary>
/// Where a reference's pipeline templates come from. <see cref="Key"/> is what the lock file records (<c>local</c>, or
/// the folder as written in the project, with <c>/</c> separators), <see cref="Folder"/> the registries root it names.
/// </summary>
public sealed record RegistrySource(string Key, string Folder)
{
    public const string LocalKey = "local";

    /// <summary>The pipeline template registry in <see cref="Folder"/> (its <c>kfp/</c> folder).</summary>
    public IPipelineTemplateRegistry Open() => new LocalRegistries(Folder).PipelineTemplates;

    /// <summary>Shown in messages: the key, and the folder when the key is not already it.</summary>
    public string Describe() => Key == LocalKey ? $"'local' ({Path.Combine(Folder, "kfp")})" : $"'{Key}' ({Path.Combine(Folder, "kfp")})";

    /// <summary>The lock-file key of a Registry metadata value (empty means <c>local</c>).</summary>
    public static string KeyOf(string? registry)
    {
        var text = (registry ?? "").Trim();
        if (text.Length == 0 || string.Equals(text, LocalKey, StringComparison.Ordinal))
        {
            return LocalKey;
        }
        text = text.Replace('\\', '/');
        return text.Length > 1 ? text.TrimEnd('/') : text;
    }
}
