using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Mlops.Packaging.Tests;

public sealed class WheelBuilderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<ModelWheelSpec> SpecAsync(string version = "1.0.0")
    {
        var model = await TrainedModel.WritePickleAsync(_temp.File("run"));
        return new ModelWheelSpec { DistributionName = "churn-model", Version = version, ModelPath = model, Card = TrainedModel.CardFor(model, version) };
    }

    private static byte[] Read(ZipArchive zip, string entry)
    {
        using var stream = zip.GetEntry(entry)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task Writes_the_package_then_the_dist_info_with_RECORD_last()
    {
        var spec = await SpecAsync();

        var wheel = WheelBuilder.Build(spec, _temp.File("dist"));

        Assert.Equal("churn_model-1.0.0-py3-none-any.whl", wheel.FileName);
        Assert.Equal(_temp.File("dist", wheel.FileName), wheel.Path);
        Assert.Equal("churn_model", wheel.ImportName);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(wheel.Path))), wheel.Sha256);
        using var zip = ZipFile.OpenRead(wheel.Path);
        Assert.Equal(
            [
                "churn_model/__init__.py", "churn_model/model.pkl", "churn_model/model_card.json",
                "churn_model-1.0.0.dist-info/METADATA", "churn_model-1.0.0.dist-info/WHEEL", "churn_model-1.0.0.dist-info/RECORD",
            ],
            zip.Entries.Select(e => e.FullName));
        Assert.Equal(File.ReadAllBytes(spec.ModelPath), Read(zip, "churn_model/model.pkl"));
        Assert.Equal(spec.Card.ToUtf8Json(), Read(zip, "churn_model/model_card.json"));
    }

    [Fact]
    public async Task METADATA_and_WHEEL_carry_the_required_fields()
    {
        var wheel = WheelBuilder.Build(await SpecAsync(), _temp.File("dist"));

        using var zip = ZipFile.OpenRead(wheel.Path);
        var metadata = Encoding.UTF8.GetString(Read(zip, "churn_model-1.0.0.dist-info/METADATA"));
        Assert.Equal(
            "Metadata-Version: 2.1\nName: churn-model\nVersion: 1.0.0\n" +
            "Summary: The churn model 1.0.0, trained by pipeline churn-training 1.4.2 (run 20260314-150926-a1b2c3).\n",
            metadata);
        var wheelFile = Encoding.UTF8.GetString(Read(zip, "churn_model-1.0.0.dist-info/WHEEL"));
        Assert.Matches(@"^Wheel-Version: 1\.0\nGenerator: Mlops\.Packaging \([0-9.]+\)\nRoot-Is-Purelib: true\nTag: py3-none-any\n$", wheelFile);
    }

    [Fact]
    public async Task RECORD_lists_every_file_with_its_urlsafe_sha256_and_size_and_itself_without_hash()
    {
        var wheel = WheelBuilder.Build(await SpecAsync(), _temp.File("dist"));

        using var zip = ZipFile.OpenRead(wheel.Path);
        var lines = Encoding.UTF8.GetString(Read(zip, "churn_model-1.0.0.dist-info/RECORD")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(zip.Entries.Select(e => e.FullName), lines.Select(l => l.Split(',')[0]));
        Assert.Equal("churn_model-1.0.0.dist-info/RECORD,,", lines[^1]);
        foreach (var line in lines[..^1])
        {
            var (path, hash, size) = (line.Split(',')[0], line.Split(',')[1], line.Split(',')[2]);
            var content = Read(zip, path);
            var expected = "sha256=" + Convert.ToBase64String(SHA256.HashData(content)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            Assert.Equal(expected, hash);
            Assert.Equal(content.Length.ToString(), size);
        }
    }

    [Fact]
    public async Task Equal_inputs_give_byte_identical_wheels()
    {
        var spec = await SpecAsync();

        var first = WheelBuilder.Build(spec, _temp.File("a"));
        var second = WheelBuilder.Build(spec, _temp.File("b"));

        Assert.Equal(File.ReadAllBytes(first.Path), File.ReadAllBytes(second.Path));
        using var zip = ZipFile.OpenRead(first.Path);
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(1980, 1, 1), e.LastWriteTime.DateTime));
        Assert.All(zip.Entries, e => Assert.Equal(0x81A4, e.ExternalAttributes >>> 16));
    }

    [Fact]
    public async Task A_SemVer_prerelease_becomes_a_PEP_440_version_in_the_file_and_the_metadata()
    {
        var wheel = WheelBuilder.Build(await SpecAsync("1.0.0-beta.1"), _temp.File("dist"));

        Assert.Equal("churn_model-1.0.0b1-py3-none-any.whl", wheel.FileName);
        Assert.Equal("1.0.0b1", wheel.Version);
        using var zip = ZipFile.OpenRead(wheel.Path);
        Assert.Contains("Version: 1.0.0b1\n", Encoding.UTF8.GetString(Read(zip, "churn_model-1.0.0b1.dist-info/METADATA")));
    }

    [Fact]
    public async Task An_import_name_and_summary_can_be_given()
    {
        var spec = await SpecAsync() with { ImportName = "churn", Summary = "Churn\nmodel." };

        var wheel = WheelBuilder.Build(spec, _temp.File("dist"));

        using var zip = ZipFile.OpenRead(wheel.Path);
        Assert.NotNull(zip.GetEntry("churn/__init__.py"));
        Assert.Contains("Summary: Churn model.\n", Encoding.UTF8.GetString(Read(zip, "churn_model-1.0.0.dist-info/METADATA")));
    }

    [Fact]
    public async Task A_card_that_does_not_describe_the_model_file_fails_with_MLOPS3105()
    {
        var spec = await SpecAsync();
        File.AppendAllText(spec.ModelPath, "retrained");

        var error = Assert.Throws<PackagingException>(() => WheelBuilder.Build(spec, _temp.File("dist")));
        Assert.Equal("MLOPS3105", error.Code);
    }

    [Fact]
    public async Task A_model_file_named_like_a_file_of_the_package_fails_with_MLOPS3106()
    {
        var model = await TrainedModel.WritePickleAsync(_temp.File("run"), "__init__.py");
        var spec = new ModelWheelSpec { DistributionName = "churn-model", Version = "1.0.0", ModelPath = model, Card = TrainedModel.CardFor(model) };

        Assert.Equal("MLOPS3106", Assert.Throws<PackagingException>(() => WheelBuilder.Build(spec, _temp.File("dist"))).Code);
    }

    [Fact]
    public async Task Invalid_names_and_versions_fail_before_anything_is_written()
    {
        var spec = await SpecAsync();

        Assert.Equal("MLOPS3101", Assert.Throws<PackagingException>(() => WheelBuilder.Build(spec with { DistributionName = "churn model" }, _temp.File("dist"))).Code);
        Assert.Equal("MLOPS3102", Assert.Throws<PackagingException>(() => WheelBuilder.Build(spec with { Version = "1.0.0-ci.7" }, _temp.File("dist"))).Code);
        Assert.Equal("MLOPS3103", Assert.Throws<PackagingException>(() => WheelBuilder.Build(spec with { ImportName = "class" }, _temp.File("dist"))).Code);
        Assert.False(Directory.Exists(_temp.File("dist")));
    }
}
