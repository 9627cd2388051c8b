using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Mlops;

/// <summary>
/// The sha256 of some content, written <c>sha256:&lt;64 lower-case hex&gt;</c> as Artifact Registry names KFP versions.
/// </summary>
public sealed partial record ContentDigest
{
    public const string Prefix = "sha256:";

    private ContentDigest(string hex) => Hex = hex;

    /// <summary>64 lower-case hexadecimal digits.</summary>
    public string Hex { get; }

    public static ContentDigest Compute(ReadOnlySpan<byte> content) => new(Convert.ToHexStringLower(SHA256.HashData(content)));

    public static async Task<ContentDigest> ComputeAsync(Stream content, CancellationToken cancellationToken = default) =>
        new(Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false)));

    public static ContentDigest Parse(string text) =>
        TryParse(text, out var digest) ? digest : throw new FormatException($"'{text}' is not a sha256 digest (sha256:<64 hex digits>).");

    public static bool TryParse(string? text, out ContentDigest digest)
    {
        if (text is not null && text.StartsWith(Prefix, StringComparison.Ordinal) && HexPattern().IsMatch(text.AsSpan(Prefix.Length)))
        {
            digest = new ContentDigest(text[Prefix.Length..].ToLowerInvariant());
            return true;
        }
        digest = null!;
        return false;
    }

    public override string ToString() => Prefix + Hex;

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex HexPattern();
}
