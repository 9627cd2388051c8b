using Mlops.Diagnostics;

namespace Mlops.Backends.Storage;

/// <summary>A Cloud Storage location, <c>gs://BUCKET/OBJECT</c>; a name ending in <c>/</c> is a prefix (a "folder").</summary>
public sealed record GcsUri(string Bucket, string Name)
{
    public const string Prefix = "gs://";

    public bool IsFolder => Name.EndsWith('/');

    public static bool IsGcs(string uri) => uri.StartsWith(Prefix, StringComparison.Ordinal);

    public static GcsUri Parse(string uri)
    {
        var rest = IsGcs(uri) ? uri[Prefix.Length..] : null;
        var slash = rest?.IndexOf('/') ?? -1;
        var bucket = slash > 0 ? rest![..slash] : "";
        var name = slash > 0 ? rest![(slash + 1)..] : "";
        if (!IsBucketName(bucket) || name.Length == 0 || name.Any(char.IsControl))
        {
            throw new MlopsException(ErrorCodes.Storage.InvalidUri,
                $"'{uri}' is not a Cloud Storage object URI. Give gs://BUCKET/OBJECT (the artifact URI a run reports), e.g. gs://acme-pipelines/root/123/train/model.");
        }
        return new GcsUri(bucket, name);
    }

    public override string ToString() => Prefix + Bucket + "/" + Name;

    /// <summary>Google's bucket naming rules: 3–63 characters (222 with dots) of a-z, 0-9, '-', '_', '.', starting and ending with a letter or digit.</summary>
    private static bool IsBucketName(string bucket) =>
        bucket.Length is >= 3 and <= 222
        && (bucket.Contains('.') || bucket.Length <= 63)
        && bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.')
        && char.IsAsciiLetterOrDigit(bucket[0]) && char.IsAsciiLetterOrDigit(bucket[^1]);
}
