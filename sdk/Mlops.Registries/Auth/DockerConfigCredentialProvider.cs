using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Mlops.Diagnostics;

namespace Mlops.Registries.Auth;

/// <summary>
/// Credentials as docker (and podman, skopeo, dotnet's container publishing) keep them: <c>DOCKER_AUTH_CONFIG</c>
/// (the JSON itself, for CI), then <c>$DOCKER_CONFIG/config.json</c> (default <c>~/.docker/config.json</c>). Per file, a
/// host's <c>credHelpers</c> entry, else <c>credsStore</c>, else its <c>auths</c> entry (base64 <c>user:password</c>, or
/// an <c>identitytoken</c>). A helper is <c>docker-credential-NAME get</c> with the host on stdin
/// (<c>gcloud auth configure-docker</c> writes <c>"credHelpers": {"europe-west4-docker.pkg.dev": "gcloud"}</c>).
/// </summary>
public sealed class DockerConfigCredentialProvider : IRegistryCredentialProvider
{
    private const string NotFound = "credentials not found in native keychain";
    private readonly Func<string, string?> environment;
    private readonly string home;

    public DockerConfigCredentialProvider(Func<string, string?>? environment = null, string? home = null)
    {
        this.environment = environment ?? Environment.GetEnvironmentVariable;
        this.home = home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    }

    /// <summary>How long a credential helper may take.</summary>
    public TimeSpan HelperTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public async Task<RegistryCredential?> GetAsync(string host, CancellationToken cancellationToken = default)
    {
        if (environment("DOCKER_AUTH_CONFIG") is { Length: > 0 } inline
            && await FromConfigAsync(inline, "DOCKER_AUTH_CONFIG", host, cancellationToken) is { } fromEnvironment)
        {
            return fromEnvironment;
        }
        var path = Path.Combine(environment("DOCKER_CONFIG") is { Length: > 0 } folder ? folder : Path.Combine(home, ".docker"), "config.json");
        return File.Exists(path) ? await FromConfigAsync(await File.ReadAllTextAsync(path, cancellationToken), path, host, cancellationToken) : null;
    }

    private async Task<RegistryCredential?> FromConfigAsync(string json, string source, string host, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new RegistryException(ErrorCodes.Registries.CredentialsFileInvalid,
                $"{source} is not JSON (line {e.LineNumber + 1}): fix it, or log in again (docker login {host}) to rewrite it.");
        }
        using (document)
        {
            var root = document.RootElement;
            if (Entry(root, "credHelpers", host) is { ValueKind: JsonValueKind.String } helper)
            {
                return await FromHelperAsync(helper.GetString()!, host, cancellationToken);
            }
            if (root.TryGetProperty("credsStore", out var store) && store.GetString() is { Length: > 0 } storeName
                && await FromHelperAsync(storeName, host, cancellationToken) is { } stored)
            {
                return stored;
            }
            if (Entry(root, "auths", host) is not { ValueKind: JsonValueKind.Object } auth)
            {
                return null;
            }
            if (auth.TryGetProperty("identitytoken", out var identity) && identity.GetString() is { Length: > 0 } token)
            {
                return new RegistryCredential { IdentityToken = token, Source = $"{source} auths (identity token)" };
            }
            if (auth.TryGetProperty("auth", out var encoded) && encoded.GetString() is { Length: > 0 } base64)
            {
                string pair;
                try
                {
                    pair = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
                }
                catch (FormatException)
                {
                    throw new RegistryException(ErrorCodes.Registries.CredentialsFileInvalid,
                        $"The auths entry for {host} in {source} is not base64 user:password: log in again (docker login {host}).");
                }
                var colon = pair.IndexOf(':');
                return colon > 0 ? RegistryCredential.Basic(pair[..colon], pair[(colon + 1)..], $"{source} auths") : null;
            }
            return null;
        }
    }

    /// <summary>A host's entry: keys are host[:port], written by some tools with a scheme or a path (<c>https://index.docker.io/v1/</c>).</summary>
    private static JsonElement? Entry(JsonElement root, string section, string host)
    {
        if (!root.TryGetProperty(section, out var entries) || entries.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var entry in entries.EnumerateObject())
        {
            var key = entry.Name;
            var scheme = key.IndexOf("://", StringComparison.Ordinal);
            key = scheme >= 0 ? key[(scheme + 3)..] : key;
            key = key.Split('/')[0];
            if (string.Equals(key, host, StringComparison.OrdinalIgnoreCase))
            {
                return entry.Value;
            }
        }
        return null;
    }

    private async Task<RegistryCredential?> FromHelperAsync(string name, string host, CancellationToken cancellationToken)
    {
        var program = $"docker-credential-{name}";
        var start = new ProcessStartInfo(program, "get") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (environment("PATH") is { } path)
        {
            start.Environment["PATH"] = path;
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new RegistryException(ErrorCodes.Registries.CredentialHelperFailed,
                $"The docker credential helper '{name}' for {host} is not installed ({program} is not on PATH). Install it (for gcloud: gcloud components install docker-credential-gcr, or use the gcloud CLI), or remove it from ~/.docker/config.json.");
        }
        using (process)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(HelperTimeout);
            await process.StandardInput.WriteLineAsync(host);
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new RegistryException(ErrorCodes.Registries.CredentialHelperFailed,
                    $"The docker credential helper '{name}' did not answer for {host} within {HelperTimeout.TotalSeconds:0} s. Check it by hand: echo {host} | {program} get");
            }
            var text = await stdout;
            if (process.ExitCode != 0)
            {
                if (text.Contains(NotFound, StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }
                // Its output is not quoted: a failing helper may still have printed part of a secret.
                throw new RegistryException(ErrorCodes.Registries.CredentialHelperFailed,
                    $"The docker credential helper '{name}' failed for {host} (exit code {process.ExitCode}). Check it by hand: echo {host} | {program} get");
            }
            using var json = JsonDocument.Parse(text);
            var user = json.RootElement.TryGetProperty("Username", out var u) ? u.GetString() : null;
            var secret = json.RootElement.TryGetProperty("Secret", out var s) ? s.GetString() : null;
            if (string.IsNullOrEmpty(secret))
            {
                return null;
            }
            return user == "<token>"
                ? new RegistryCredential { IdentityToken = secret, Source = program }
                : RegistryCredential.Basic(user ?? "", secret, program);
        }
    }
}
