using System.Security.Cryptography;
using NuGet.Packaging;
using NuGet.Versioning;

namespace Mlops.Packaging.Tests;

public sealed class NuGetModelPackageBuilderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<NuGetModelPackageSpec> SpecAsync()
    {
        var model = await TrainedModel.WritePickleAsync(_temp.File("run"));
        return new NuGetModelPackageSpec
        {
            Id = "Contoso.Churn.Model",
            Version = "1.0.0-beta.1",
            Description = "The churn model.",
            Authors = ["Churn team"],
            ModelPath = model,
            Card = TrainedModel.CardFor(model, "1.0.0-beta.1"),
        };
    }

    private static byte[] Read(PackageArchiveReader reader, string path)
    {
        using var stream = reader.GetStream(path);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task Carries_the_model_and_its_card_under_content_and_contentFiles_with_the_right_sha256()
    {
        var spec = await SpecAsync();

        var package = NuGetModelPackageBuilder.Build(spec, _temp.File("dist"));

        Assert.Equal(_temp.File("dist", "Contoso.Churn.Model.1.0.0-beta.1.nupkg"), package.Path);
        using var reader = new PackageArchiveReader(package.Path);
        var identity = reader.GetIdentity();
        Assert.Equal("Contoso.Churn.Model", identity.Id);
        Assert.Equal(NuGetVersion.Parse("1.0.0-beta.1"), identity.Version);
        Assert.Equal("The churn model.", reader.NuspecReader.GetDescription());
        Assert.Equal("Churn team", reader.NuspecReader.GetAuthors());
        foreach (var folder in new[] { "content/model", "contentFiles/any/any/model" })
        {
            var model = Read(reader, $"{folder}/model.pkl");
            Assert.Equal(spec.Card.ModelSha256, Convert.ToHexStringLower(SHA256.HashData(model)));
            var card = ModelCard.Parse(System.Text.Encoding.UTF8.GetString(Read(reader, $"{folder}/model_card.json")));
            Assert.Equal(spec.Card.ToJson(), card.ToJson());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(spec.ModelPath))), card.ModelSha256);
        }
    }

    [Fact]
    public async Task Declares_the_content_files_as_copied_to_the_output_folder_and_not_compiled()
    {
        var package = NuGetModelPackageBuilder.Build(await SpecAsync(), _temp.File("dist"));

        using var reader = new PackageArchiveReader(package.Path);
        var entry = Assert.Single(reader.NuspecReader.GetContentFiles());
        Assert.Equal("any/any/model/**", entry.Include);
        Assert.Equal("None", entry.BuildAction);
        Assert.True(entry.CopyToOutput);
        Assert.False(entry.Flatten);
    }

    [Fact]
    public async Task Equal_inputs_give_byte_identical_packages()
    {
        var spec = await SpecAsync();

        var first = NuGetModelPackageBuilder.Build(spec, _temp.File("a"));
        File.SetLastWriteTimeUtc(spec.ModelPath, DateTime.UtcNow.AddDays(-3)); // a copied or touched model file
        var second = NuGetModelPackageBuilder.Build(spec, _temp.File("b"));

        Assert.Equal(File.ReadAllBytes(first.Path), File.ReadAllBytes(second.Path));
    }

    [Fact]
    public async Task Entry_times_are_the_cards_not_the_clocks_so_a_later_republish_is_identical()
    {
        var spec = await SpecAsync();

        var package = NuGetModelPackageBuilder.Build(spec, _temp.File("dist"));

        using var zip = System.IO.Compression.ZipFile.OpenRead(package.Path);
        var modelEntries = zip.Entries.Where(e => e.FullName.Contains("/model/", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, modelEntries.Count);
        Assert.All(modelEntries, e => Assert.Equal(spec.Card.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm"), e.LastWriteTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm")));
    }

    [Fact]
    public async Task Invalid_id_version_or_metadata_fail_with_their_codes()
    {
        var spec = await SpecAsync();

        Assert.Equal("MLOPS3110", Assert.Throws<PackagingException>(() => NuGetModelPackageBuilder.Build(spec with { Id = "Contoso Churn" }, _temp.File("dist"))).Code);
        Assert.Equal("MLOPS3111", Assert.Throws<PackagingException>(() => NuGetModelPackageBuilder.Build(spec with { Version = "one" }, _temp.File("dist"))).Code);
        Assert.Equal("MLOPS3112", Assert.Throws<PackagingException>(() => NuGetModelPackageBuilder.Build(spec with { Description = "" }, _temp.File("dist"))).Code);
        Assert.Equal("MLOPS3112", Assert.Throws<PackagingException>(() => NuGetModelPackageBuilder.Build(spec with { Authors = [] }, _temp.File("dist"))).Code);
    }

    [Fact]
    public async Task A_card_that_does_not_describe_the_model_file_fails_with_MLOPS3105()
    {
        var spec = await SpecAsync();
        File.AppendAllText(spec.ModelPath, "retrained");

        Assert.Equal("MLOPS3105", Assert.Throws<PackagingException>(() => NuGetModelPackageBuilder.Build(spec, _temp.File("dist"))).Code);
    }
}
