namespace Mlops.Core.Tests;

public sealed class ImageReferenceTests
{
    private const string Hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("python:3.11", null, "python", "3.11", false)]
    [InlineData("localhost/churn/train:1.0.0", "localhost", "churn/train", "1.0.0", false)]
    [InlineData("127.0.0.1:5055/team/train:1", "127.0.0.1:5055", "team/train", "1", false)]
    [InlineData("europe-west4-docker.pkg.dev/acme-dataops/components/train:1.4.0", "europe-west4-docker.pkg.dev", "acme-dataops/components/train", "1.4.0", false)]
    [InlineData("ghcr.io/acme/train@sha256:" + Hex, "ghcr.io", "acme/train", null, true)]
    [InlineData("ghcr.io/acme/train:1.0@sha256:" + Hex, "ghcr.io", "acme/train", "1.0", true)]
    [InlineData("library/python", null, "library/python", null, false)]
    public void Parses_registry_repository_tag_and_digest(string text, string? registry, string repository, string? tag, bool pinned)
    {
        var reference = ImageReference.Parse(text);

        Assert.Equal(registry, reference.Registry);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(pinned, reference.IsPinned);
        Assert.Equal(text, reference.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("Team/Fraud Model:1")]
    [InlineData("churn/Train:1")]
    [InlineData("churn/train:.hidden")]
    [InlineData("churn/train:")]
    [InlineData("churn//train:1")]
    [InlineData("churn/train@sha256:abc")]
    [InlineData("churn/train@md5:" + Hex)]
    [InlineData("-churn/train:1")]
    public void Refuses_what_is_not_a_reference(string text)
    {
        Assert.False(ImageReference.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ImageReference.Parse(text));
    }

    [Fact]
    public void Pinning_drops_the_tag_and_keeps_the_name()
    {
        var digest = ContentDigest.Parse("sha256:" + Hex);

        var pinned = ImageReference.Parse("europe-docker.pkg.dev/acme/churn/train:1.4.0").PinnedTo(digest);

        Assert.Equal("europe-docker.pkg.dev/acme/churn/train@sha256:" + Hex, pinned.ToString());
        Assert.True(pinned.IsPinned);
    }

    [Theory]
    [InlineData("localhost/churn", true)]
    [InlineData("europe-docker.pkg.dev/my-project/churn", true)]
    [InlineData("localhost/churn:1", false)]
    [InlineData("Localhost/Churn", false)]
    public void A_repository_prefix_has_no_tag(string text, bool valid) =>
        Assert.Equal(valid, ImageReference.IsValidRepositoryPrefix(text));
}
