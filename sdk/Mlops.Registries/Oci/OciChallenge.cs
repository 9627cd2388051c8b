using System.Net.Http.Headers;

namespace Mlops.Registries.Oci;

/// <summary>
/// A registry's <c>WWW-Authenticate</c> answer to a 401: <c>Basic realm="…"</c>, or <c>Bearer realm="…",service="…",scope="…"</c>
/// naming the token endpoint to ask (distribution's token authentication).
/// </summary>
public sealed record OciChallenge(string Scheme, string? Realm, string? Service, string? Scope)
{
    public bool IsBearer => string.Equals(Scheme, "Bearer", StringComparison.OrdinalIgnoreCase);

    public static OciChallenge? From(HttpResponseMessage response)
    {
        var header = response.Headers.WwwAuthenticate.FirstOrDefault();
        if (header is null)
        {
            return null;
        }
        var parameters = Parameters(header);
        return new OciChallenge(header.Scheme, parameters.GetValueOrDefault("realm"), parameters.GetValueOrDefault("service"), parameters.GetValueOrDefault("scope"));
    }

    /// <summary>The <c>key="value"</c> pairs of a challenge; values may hold commas (<c>scope="repository:a:pull,push"</c>).</summary>
    private static Dictionary<string, string> Parameters(AuthenticationHeaderValue header)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var text = header.Parameter ?? "";
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i]))) i++;
            var equals = text.IndexOf('=', i);
            if (equals < 0) break;
            var key = text[i..equals].Trim();
            i = equals + 1;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0) end = text.Length;
                value = text[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var end = text.IndexOf(',', i);
                if (end < 0) end = text.Length;
                value = text[i..end].Trim();
                i = end;
            }
            result[key] = value;
        }
        return result;
    }
}
