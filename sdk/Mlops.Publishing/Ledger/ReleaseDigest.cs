using System.Text;

namespace Mlops.Publishing.Ledger;

/// <summary>
/// One digest for a whole release: the sha256 of its artifacts' digests, one line each
/// (<c>pipeline NAME sha256:…</c>, <c>image REPOSITORY sha256:…</c>, <c>wheel FILE sha256:…</c>) in ordinal order.
/// It is an environment's own: its images are in its repositories, its pipelines pin them. An approval names it.
/// </summary>
public static class ReleaseDigest
{
    public static ContentDigest Of(IReadOnlyDictionary<string, string> pipelines, IReadOnlyDictionary<string, string> images,
        IReadOnlyDictionary<string, string> wheels)
    {
        var lines = pipelines.Select(p => $"pipeline {p.Key} {p.Value}")
            .Concat(images.Select(i => $"image {i.Key} {i.Value}"))
            .Concat(wheels.Select(w => $"wheel {w.Key} {w.Value}"))
            .Order(StringComparer.Ordinal);
        return ContentDigest.Compute(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
    }
}
