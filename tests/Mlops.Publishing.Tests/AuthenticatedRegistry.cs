using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mlops.Registries.Auth;

namespace Mlops.Publishing.Tests;

/// <summary>
/// A Docker distribution registry (Debian's docker-registry, the real one) on a free loopback port with htpasswd
/// authentication on, started for a test class and stopped after it; its storage in a temporary folder. Over plain
/// HTTP, or over TLS with a certificate of a <see cref="ThrowawayCertificateAuthority"/> (<see cref="TlsRegistry"/>).
/// </summary>
public class AuthenticatedRegistry : IDisposable
{
    public const string User = "publisher";
    public readonly string Password = Convert.ToHexString(Guid.NewGuid().ToByteArray());
    private readonly TempFolder folder = new("mlops-registry-");
    private readonly Process? process;

    public AuthenticatedRegistry() : this(tls: false)
    {
    }

    protected AuthenticatedRegistry(bool tls)
    {
        if (!File.Exists("/usr/bin/docker-registry") || !File.Exists("/usr/bin/htpasswd"))
        {
            Missing = "docker-registry and htpasswd are not installed: run `bash eng/services/start.sh` (eng/test.sh does).";
            return;
        }
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var htpasswd = Process.Start(new ProcessStartInfo("htpasswd", ["-Bbn", User, Password]) { RedirectStandardOutput = true })!;
        File.WriteAllText(folder.File("htpasswd"), htpasswd.StandardOutput.ReadToEnd());
        htpasswd.WaitForExit();
        if (tls)
        {
            Authority = new ThrowawayCertificateAuthority(folder.File("tls"));
        }
        var tlsConfig = Authority is null ? "" : $"""

              tls:
                certificate: {Authority.CertificateFile}
                key: {Authority.KeyFile}
            """;
        File.WriteAllText(folder.File("config.yml"), $"""
            version: 0.1
            log:
              level: warn
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {folder.File("data")}
            auth:
              htpasswd:
                realm: tests
                path: {folder.File("htpasswd")}
            http:
              secret: mlops-tests
              addr: 127.0.0.1:{Port}{tlsConfig}
            """);
        process = Process.Start(new ProcessStartInfo("docker-registry", ["serve", folder.File("config.yml")]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        // Drained, or the registry blocks on a full pipe once its warnings (a dropped upload, a refused digest) fill it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = Authority is null ? new HttpClient() : new HttpClient(Authority.Transport());
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var answer = http.GetAsync($"{(Authority is null ? "http" : "https")}://127.0.0.1:{Port}/v2/").GetAwaiter().GetResult();
                return;
            }
            catch (HttpRequestException)
            {
                Thread.Sleep(50);
            }
        }
        Missing = "docker-registry did not answer within 10 s.";
    }

    public int Port { get; }

    /// <summary>The authority that issued the registry's certificate, or null over plain HTTP.</summary>
    public ThrowawayCertificateAuthority? Authority { get; }

    public string Host => $"127.0.0.1:{Port}";

    /// <summary>Why the registry is not there, or null.</summary>
    public string? Missing { get; }

    /// <summary>Its user and password, as a registry client's credentials.</summary>
    public IRegistryCredentialProvider Credentials() => new FixedCredentialProvider(RegistryCredential.Basic(User, Password, "the test"));

    /// <summary>Its user and password as skopeo's <c>--creds</c> takes them.</summary>
    public string SkopeoCredentials => $"{User}:{Password}";

    /// <summary>True when every registry runs; otherwise reports the first that does not (a failure in CI).</summary>
    public static bool AllRunning(ITestOutputHelper output, params AuthenticatedRegistry[] registries)
    {
        if (registries.FirstOrDefault(r => r.Missing is not null) is { Missing: { } missing })
        {
            MissingPrerequisite.Report(output, missing);
            return false;
        }
        return true;
    }

    /// <summary>The file the registry stored a blob in: its bytes are what it serves.</summary>
    public string BlobFile(ContentDigest digest) =>
        folder.File("data", "docker", "registry", "v2", "blobs", "sha256", digest.Hex[..2], digest.Hex, "data");

    public void Dispose()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }
        process?.Dispose();
        Authority?.Dispose();
        folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
