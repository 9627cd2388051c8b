using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Mlops.ContractServers.Google;

/// <summary>
/// Google's token endpoints, as Google.Apis.Auth calls them:
/// <list type="bullet">
/// <item><c>POST /token</c> (oauth2.googleapis.com): <c>grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer</c> with an
/// RS256 assertion signed by a known service account's key (its <c>aud</c> is not checked: the client keeps Google's URL
/// there whatever its <c>token_uri</c>), <c>grant_type=refresh_token</c> for known user refresh tokens, and STS's
/// <c>urn:ietf:params:oauth:grant-type:token-exchange</c> for known subject tokens (workload identity federation);</item>
/// <item><c>POST /v1/projects/-/serviceAccounts/EMAIL:generateAccessToken</c> (iamcredentials.googleapis.com): a Bearer
/// this server issued with scope iam or cloud-platform, to a principal allowed to impersonate EMAIL;</item>
/// <item><c>GET /computeMetadata/v1/instance/service-accounts/default/token</c> (the metadata server), with
/// <c>Metadata-Flavor: Google</c>.</item>
/// </list>
/// Every token asked for with scope cloud-platform is <paramref name="accessToken"/>, so registry contract servers
/// started with the same token accept it; others (scope iam only) are made up and only good for impersonation here.
/// </summary>
public sealed class GoogleTokenServer(string accessToken) : ContractServer
{
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";
    public const string IamScope = "https://www.googleapis.com/auth/iam";
    public const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    public const string TokenExchangeGrant = "urn:ietf:params:oauth:grant-type:token-exchange";
    public const string MetadataPrincipal = "metadata-server-default";

    private readonly ConcurrentDictionary<string, RSA> serviceAccounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> subjectTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Caller, string Target), bool> impersonation = new();
    private readonly ConcurrentDictionary<string, IssuedToken> byToken = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<IssuedToken> issued = new();

    public string AccessToken { get; } = accessToken;

    /// <summary>The token endpoint, for a service account file's <c>token_uri</c> or an external account's <c>token_url</c>.</summary>
    public Uri TokenUrl => new(BaseUri, "token");

    /// <summary>For <c>GCE_METADATA_HOST</c>: host and port.</summary>
    public string MetadataHost => BaseUri.Authority;

    public Uri ImpersonationUrl(string target) => new(BaseUri, $"v1/projects/-/serviceAccounts/{target}:generateAccessToken");

    public IReadOnlyList<IssuedToken> Issued => [.. issued];

    /// <summary>Accepts assertions of <paramref name="email"/> signed with the private half of <paramref name="publicKey"/>.</summary>
    public void AddServiceAccount(string email, RSA publicKey) => serviceAccounts[email] = publicKey;

    public void AddRefreshToken(string refreshToken, string user) => refreshTokens[refreshToken] = user;

    /// <summary>Exchanges <paramref name="subjectToken"/> (an OIDC token of a workload identity pool) for <paramref name="principal"/>.</summary>
    public void AddSubjectToken(string subjectToken, string principal) => subjectTokens[subjectToken] = principal;

    /// <summary>Grants <paramref name="caller"/> roles/iam.serviceAccountTokenCreator on <paramref name="target"/>.</summary>
    public void AllowImpersonation(string caller, string target) => impersonation[(caller, target)] = true;

    /// <summary>The program form: <c>google --token T [--service-account EMAIL --public-key PEM-FILE [--impersonation-target EMAIL]]</c>.</summary>
    public static GoogleTokenServer FromOptions(Options options)
    {
        var server = new GoogleTokenServer(options.AccessToken ?? throw new ArgumentException("the google server needs --token"));
        if (options is { ServiceAccount: { } email, PublicKeyFile: { } pem })
        {
            var key = RSA.Create();
            key.ImportFromPem(File.ReadAllText(pem));
            server.AddServiceAccount(email, key);
            if (options.ImpersonationTarget is { } target)
            {
                server.AllowImpersonation(email, target);
            }
        }
        return server;
    }

    protected override void Map(WebApplication app)
    {
        app.MapPost("/token", (HttpRequest request) => TokenAsync(request));
        app.MapGet("/computeMetadata/v1/instance/service-accounts/default/token", Metadata);
        app.MapPost("/v1/projects/-/serviceAccounts/{name}", GenerateAccessTokenAsync);
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return OAuthError(400, "invalid_request", "Expected application/x-www-form-urlencoded.");
        }
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        return form["grant_type"].ToString() switch
        {
            JwtBearerGrant => FromAssertion(form["assertion"].ToString()),
            "refresh_token" => refreshTokens.TryGetValue(form["refresh_token"].ToString(), out var user)
                ? Issue("refresh_token", user, Scopes(form["scope"].ToString(), CloudPlatformScope))
                : OAuthError(400, "invalid_grant", "Token has been expired or revoked."),
            TokenExchangeGrant => subjectTokens.TryGetValue(form["subject_token"].ToString(), out var principal)
                ? Issue("token-exchange", principal, Scopes(form["scope"].ToString(), CloudPlatformScope), exchange: true)
                : OAuthError(400, "invalid_grant", "The subject token is not valid for this workload identity pool."),
            var other => OAuthError(400, "unsupported_grant_type", $"Unsupported grant type: {other}"),
        };
    }

    private IResult FromAssertion(string assertion)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return OAuthError(400, "invalid_grant", "Invalid JWT: not three parts.");
        }
        JsonNode? header, claims;
        try
        {
            header = JsonNode.Parse(Base64Url(parts[0]));
            claims = JsonNode.Parse(Base64Url(parts[1]));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return OAuthError(400, "invalid_grant", "Invalid JWT: not JSON.");
        }
        if (header?["alg"]?.GetValue<string>() != "RS256")
        {
            return OAuthError(400, "invalid_grant", "Invalid JWT: alg must be RS256.");
        }
        var issuer = claims?["iss"]?.GetValue<string>() ?? "";
        if (!serviceAccounts.TryGetValue(issuer, out var key))
        {
            return OAuthError(400, "invalid_grant", "Invalid grant: account not found");
        }
        var signed = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}");
        if (!key.VerifyData(signed, Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return OAuthError(400, "invalid_grant", "Invalid JWT Signature.");
        }
        var expires = claims?["exp"]?.GetValue<long>() ?? 0;
        if (DateTimeOffset.FromUnixTimeSeconds(expires) < DateTimeOffset.UtcNow.AddMinutes(-5))
        {
            return OAuthError(400, "invalid_grant", "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe.");
        }
        var scopes = Scopes(claims?["scope"]?.GetValue<string>() ?? "", null);
        return scopes.Count == 0 ? OAuthError(400, "invalid_scope", "Invalid OAuth scope or ID token audience provided.") : Issue(JwtBearerGrant, issuer, scopes);
    }

    private IResult Metadata(HttpContext context)
    {
        if (context.Request.Headers["Metadata-Flavor"] != "Google")
        {
            return Results.Text("Missing Metadata-Flavor:Google header.", "text/plain", statusCode: 403);
        }
        var scopes = Scopes(context.Request.Query["scopes"].ToString().Replace(',', ' '), CloudPlatformScope);
        return Issue("metadata", MetadataPrincipal, scopes);
    }

    private async Task<IResult> GenerateAccessTokenAsync(HttpContext context, string name)
    {
        const string suffix = ":generateAccessToken";
        if (!name.EndsWith(suffix, StringComparison.Ordinal))
        {
            return GoogleError(404, "NOT_FOUND", "Method not found.");
        }
        var target = Uri.UnescapeDataString(name[..^suffix.Length]);
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !byToken.TryGetValue(header["Bearer ".Length..], out var caller)
            || !caller.Scopes.Any(s => s is IamScope or CloudPlatformScope))
        {
            return GoogleError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.");
        }
        if (!impersonation.ContainsKey((caller.Principal, target)))
        {
            return GoogleError(403, "PERMISSION_DENIED", "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).");
        }
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var scopes = body?["scope"]?.AsArray().Select(s => s!.GetValue<string>()).ToList() ?? [];
        if (scopes.Count == 0)
        {
            return GoogleError(400, "INVALID_ARGUMENT", "Request contains an invalid argument: scope is empty.");
        }
        var token = Record("generateAccessToken", target, scopes);
        return Results.Json(new JsonObject
        {
            ["accessToken"] = token,
            ["expireTime"] = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        });
    }

    private IResult Issue(string grant, string principal, IReadOnlyList<string> scopes, bool exchange = false)
    {
        var body = new JsonObject { ["access_token"] = Record(grant, principal, scopes), ["expires_in"] = 3600, ["token_type"] = "Bearer" };
        if (exchange)
        {
            body["issued_token_type"] = "urn:ietf:params:oauth:token-type:access_token";
        }
        return Results.Json(body);
    }

    private string Record(string grant, string principal, IReadOnlyList<string> scopes)
    {
        var token = scopes.Contains(CloudPlatformScope) ? AccessToken : $"ya29.iam-only-{Guid.NewGuid():N}";
        var entry = new IssuedToken(grant, principal, scopes, token);
        byToken[token] = entry;
        issued.Enqueue(entry);
        return token;
    }

    private static List<string> Scopes(string text, string? fallback)
    {
        var scopes = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        return scopes.Count == 0 && fallback is not null ? [fallback] : scopes;
    }

    private static IResult OAuthError(int status, string error, string description) =>
        Results.Json(new JsonObject { ["error"] = error, ["error_description"] = description }, statusCode: status);

    private static IResult GoogleError(int status, string code, string message) =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = status, ["message"] = message, ["status"] = code } }, statusCode: status);

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}
