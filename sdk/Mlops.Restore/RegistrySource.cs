using Mlops.Registries;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;
using Mlops.Registries.Kfp;

namespace Mlops.Restore;

/// <summary>
/// Where a reference's pipeline templates come from. <see cref="Key"/> is what the lock file records: <c>local</c>,
/// a folder as written in the project (with <c>/</c> separators), an environment of the environments file, or a
/// KFP-format repository URL. <see cref="Folder"/> is the local registries root a folder names; <see cref="Url"/> the
/// repository of an environment or a URL.
/// </summary>
public sealed record RegistrySource(string Key, string Folder)
{
    public const string LocalKey = "local";

    /// <summary>A KFP-format repository (Artifact Registry's <c>https://LOCATION-kfp.pkg.dev/PROJECT/REPO</c>, or a generic host).</summary>
    public Uri? Url { get; init; }

    /// <summary>A service account to impersonate for the environment's registries (its <c>impersonate</c> key).</summary>
    public string? Impersonate { get; init; }

    public static RegistrySource Remote(string key, Uri url, string? impersonate = null) => new(key, "") { Url = url, Impersonate = impersonate };

    /// <summary>The pipeline template registry the source names.</summary>
    public IPipelineTemplateRegistry Open() => Url is null
        ? new LocalRegistries(Folder).PipelineTemplates
        : new KfpTemplateRegistry(Url, RegistryHttpClient.Create(), RegistryCredentials.Default(Impersonate));

    /// <summary>Shown in messages: the key, and where it points when the key is not already it.</summary>
    public string Describe() => Url is not null
        ? (Url.ToString().TrimEnd('/') == Key ? $"'{Key}'" : $"'{Key}' ({Url})")
        : $"'{Key}' ({Path.Combine(Folder, "kfp")})";

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
