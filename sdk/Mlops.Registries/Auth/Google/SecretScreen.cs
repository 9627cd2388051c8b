namespace Mlops.Registries.Auth.Google;

/// <summary>
/// Decides whether text from Google.Apis.Auth or a token endpoint (an exception message, an <c>error_description</c>)
/// may go into an MLOPS message: not when it holds a known secret or anything shaped like one.
/// </summary>
internal static class SecretScreen
{
    // A JWT (assertion, ID token), an access token, a refresh token, a PEM key.
    private static readonly string[] SecretShapes = ["eyJ", "ya29.", "1//", "-----BEGIN", "PRIVATE KEY"];

    /// <summary><paramref name="text"/> trimmed, or null when it is empty, long, or may hold a secret.</summary>
    public static string? Pass(string? text, IEnumerable<string> secrets)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 300)
        {
            return null;
        }
        if (SecretShapes.Any(shape => text.Contains(shape, StringComparison.Ordinal)))
        {
            return null;
        }
        return secrets.Any(secret => secret.Length >= 8 && text.Contains(secret, StringComparison.Ordinal)) ? null : text.Trim();
    }
}
