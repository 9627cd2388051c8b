using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mlops.Publishing.Tests;

/// <summary>
/// A certificate authority made for one test run and a server certificate it issued for 127.0.0.1, written as PEM
/// files where a registry and skopeo read them; clients trust the authority and nothing else (no system store).
/// </summary>
public sealed class ThrowawayCertificateAuthority : IDisposable
{
    private readonly X509Certificate2 authority;

    public ThrowawayCertificateAuthority(string folder)
    {
        using var authorityKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=Mlops.Sdk tests throwaway CA", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        authority = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = RSA.Create(2048);
        var server = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        server.CertificateExtensions.Add(names.Build());
        server.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        server.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = server.Create(authority, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));

        Directory.CreateDirectory(folder);
        AuthorityFile = Path.Combine(folder, "ca.crt");
        CertificateFile = Path.Combine(folder, "server.cert");
        KeyFile = Path.Combine(folder, "server.key");
        File.WriteAllText(AuthorityFile, authority.ExportCertificatePem());
        File.WriteAllText(CertificateFile, issued.ExportCertificatePem());
        File.WriteAllText(KeyFile, serverKey.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>The authority's certificate alone: skopeo's <c>--cert-dir</c> is its folder.</summary>
    public string AuthorityFile { get; }

    public string CertificateFile { get; }

    public string KeyFile { get; }

    /// <summary>A transport that trusts this authority only, as a machine with the company CA installed would.</summary>
    public SocketsHttpHandler Transport() => new()
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        SslOptions =
        {
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { authority },
                RevocationMode = X509RevocationMode.NoCheck,
            },
        },
    };

    public void Dispose() => authority.Dispose();
}
