using System.Security.Cryptography;
using Mlops.Backends.Storage;
using Mlops.Diagnostics;

namespace Mlops.Backends.Tests.Storage;

/// <summary>
/// GcsArtifactStore over the real Google.Cloud.Storage.V1 and Google.Apis.Auth against the loopback token server and
/// Cloud Storage stand-in: streamed, resumed with a Range request after a cut, verified, refused without a trace.
/// </summary>
public sealed class GcsArtifactStoreContractTests : IAsyncLifetime
{
    private const string ModelName = "root/churn-training-20260314/train_-123/model.pkl";
    private CloudStorageFixture fixture = null!;

    public async Task InitializeAsync() => fixture = await CloudStorageFixture.StartAsync();

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task A_download_writes_the_object_and_reports_its_sha256_size_and_generation()
    {
        var (uri, bytes) = fixture.PutModel(ModelName);
        using var store = fixture.Store();

        var downloaded = await store.DownloadAsync(uri, fixture.Downloads, Sha256(bytes));

        Assert.Equal(Sha256(bytes), downloaded.Sha256);
        Assert.Equal(bytes.LongLength, downloaded.Size);
        Assert.Equal(Path.Combine(fixture.Downloads, "model.pkl"), downloaded.Path);
        Assert.Equal(bytes, File.ReadAllBytes(downloaded.Path));
        Assert.True(downloaded.Generation > 0);
        Assert.Equal([$"Bearer {CloudStorageFixture.AccessToken}"], fixture.Gcs.Requests.Select(r => r.Authorization).Distinct());
        Assert.Empty(Directory.GetFiles(fixture.Downloads, "*.partial"));
    }

    [Fact]
    public async Task The_client_library_reads_metadata_then_media_pinned_to_the_generation()
    {
        var (uri, _) = fixture.PutModel(ModelName, size: 1000);
        using var store = fixture.Store();

        var downloaded = await store.DownloadAsync(uri, fixture.Downloads);

        var escaped = Uri.EscapeDataString(ModelName);
        var paths = fixture.Gcs.Requests.Select(r => r.PathAndQuery).ToList();
        Assert.True(paths.Count == 2, string.Join(" | ", paths));
        Assert.StartsWith($"/storage/v1/b/{CloudStorageFixture.Bucket}/o/{escaped}", paths[0]);
        Assert.DoesNotContain("alt=media", paths[0]);
        Assert.Contains($"/b/{CloudStorageFixture.Bucket}/o/{escaped}", paths[1]);
        Assert.Contains("alt=media", paths[1]);
        Assert.Contains($"generation={downloaded.Generation}", paths[1]);
    }

    [Fact]
    public async Task A_download_cut_mid_file_resumes_from_the_bytes_on_disk()
    {
        var (uri, bytes) = fixture.PutModel(ModelName);
        fixture.Gcs.CutNextDownload(afterBytes: 100_000);
        using var store = fixture.Store();

        var downloaded = await store.DownloadAsync(uri, fixture.Downloads, Sha256(bytes));

        Assert.Equal(Sha256(bytes), downloaded.Sha256);
        var ranges = fixture.Gcs.MediaRanges;
        Assert.True(ranges.Count == 2, string.Join(" | ", ranges.Select(r => r ?? "(none)")) + " :: " + string.Join(" | ", fixture.Gcs.Requests.Select(r => r.PathAndQuery)));
        Assert.True(ranges[0] is null || ranges[0]!.StartsWith("bytes=0-", StringComparison.Ordinal), ranges[0]);
        var resumedAt = long.Parse(ranges[1]!["bytes=".Length..].Split('-')[0]);
        Assert.InRange(resumedAt, 1, 100_000);
        Assert.Equal(bytes, File.ReadAllBytes(downloaded.Path));
    }

    [Fact]
    public async Task A_wrong_expected_sha256_is_refused_and_leaves_no_file()
    {
        var (uri, _) = fixture.PutModel(ModelName);
        using var store = fixture.Store();

        var error = await Assert.ThrowsAsync<MlopsException>(() => store.DownloadAsync(uri, fixture.Downloads, "sha256:" + new string('a', 64)));

        Assert.Equal(ErrorCodes.Storage.Sha256Mismatch, error.Code);
        Assert.Contains(new string('a', 64), error.Message);
        Assert.Empty(Directory.GetFiles(fixture.Downloads));
    }

    [Fact]
    public async Task An_object_whose_crc32c_does_not_match_its_bytes_is_refused()
    {
        var (uri, _) = fixture.PutModel(ModelName);
        fixture.Gcs.ReportCrc32c(CloudStorageFixture.Bucket, ModelName, "AAAAAA==");
        using var store = fixture.Store();

        var error = await Assert.ThrowsAsync<MlopsException>(() => store.DownloadAsync(uri, fixture.Downloads));

        Assert.Equal(ErrorCodes.Storage.ChecksumMismatch, error.Code);
        Assert.Contains("crc32c", error.Message);
        Assert.Empty(Directory.GetFiles(fixture.Downloads));
    }

    [Fact]
    public async Task A_storm_of_429_is_retried_on_metadata_and_media()
    {
        var (uri, bytes) = fixture.PutModel(ModelName);
        fixture.Gcs.Faults.Respond(429, r => !r.QueryString.Value!.Contains("alt=media"), times: 3);
        fixture.Gcs.Faults.Respond(429, r => r.QueryString.Value!.Contains("alt=media"), times: 2);
        using var store = fixture.Store();

        var downloaded = await store.DownloadAsync(uri, fixture.Downloads, Sha256(bytes));

        Assert.Equal(Sha256(bytes), downloaded.Sha256);
        Assert.Equal(0, fixture.Gcs.Faults.Pending);
        Assert.Equal(3 + 2 + 2, fixture.Gcs.Requests.Count);
    }

    [Fact]
    public async Task A_429_storm_longer_than_the_tries_fails_with_MLOPS6066()
    {
        var (uri, _) = fixture.PutModel(ModelName);
        fixture.Gcs.Faults.Respond(429, times: 3);
        using var store = fixture.Store(attempts: 3);

        var error = await Assert.ThrowsAsync<MlopsException>(() => store.DownloadAsync(uri, fixture.Downloads));

        Assert.Equal(ErrorCodes.Storage.DownloadFailed, error.Code);
        Assert.Contains("429", error.Message);
    }

    [Fact]
    public async Task A_missing_object_gives_MLOPS6061_without_the_token()
    {
        using var store = fixture.Store();

        var error = await Assert.ThrowsAsync<MlopsException>(() => store.DownloadAsync($"gs://{CloudStorageFixture.Bucket}/root/nothing/model", fixture.Downloads));

        Assert.Equal(ErrorCodes.Storage.ObjectNotFound, error.Code);
        Assert.Contains("gs://acme-dataops-pipelines/root/nothing/model", error.Message);
        Assert.DoesNotContain(CloudStorageFixture.AccessToken, error.Message);
    }

    [Fact]
    public async Task A_bucket_the_credentials_may_not_read_gives_MLOPS6062_naming_the_role_without_the_token()
    {
        var (uri, _) = fixture.PutModel(ModelName);
        fixture.Gcs.Deny(CloudStorageFixture.Bucket, CloudStorageFixture.ServiceAccount);
        using var store = fixture.Store();

        var error = await Assert.ThrowsAsync<MlopsException>(() => store.DownloadAsync(uri, fixture.Downloads));

        Assert.Equal(ErrorCodes.Storage.Forbidden, error.Code);
        Assert.Contains("roles/storage.objectViewer", error.Message);
        Assert.Contains(CloudStorageFixture.ServiceAccount, error.Message);
        Assert.DoesNotContain(CloudStorageFixture.AccessToken, error.Message);
    }

    [Fact]
    public async Task A_folder_artifact_holding_one_file_downloads_that_file()
    {
        var (_, bytes) = fixture.PutModel("root/job/train_-7/model/model.joblib", size: 5000);

        using var store = fixture.Store();
        var downloaded = await store.DownloadAsync($"gs://{CloudStorageFixture.Bucket}/root/job/train_-7/model", fixture.Downloads);

        Assert.Equal($"gs://{CloudStorageFixture.Bucket}/root/job/train_-7/model/model.joblib", downloaded.Uri);
        Assert.Equal(Path.Combine(fixture.Downloads, "model.joblib"), downloaded.Path);
        Assert.Equal(Sha256(bytes), downloaded.Sha256);
        // What Google.Cloud.Storage.V1 5.0.0 sends: the object (404), the listing of its prefix, the one file's media.
        var paths = fixture.Gcs.Requests.Select(r => r.PathAndQuery).ToList();
        Assert.Equal($"/storage/v1/b/{CloudStorageFixture.Bucket}/o/root%2Fjob%2Ftrain_-7%2Fmodel", paths[0]);
        Assert.Equal($"/storage/v1/b/{CloudStorageFixture.Bucket}/o?prefix=root%2Fjob%2Ftrain_-7%2Fmodel%2F", paths[1]);
        Assert.Equal($"/storage/v1/b/{CloudStorageFixture.Bucket}/o/root%2Fjob%2Ftrain_-7%2Fmodel%2Fmodel.joblib?generation={downloaded.Generation}&alt=media", paths[2]);
    }

    [Fact]
    public async Task A_folder_artifact_of_several_files_gives_MLOPS6067()
    {
        fixture.PutModel("root/job/train_-7/model/a.bin", size: 10);
        fixture.PutModel("root/job/train_-7/model/b.bin", size: 11);
        using var store = fixture.Store();

        var error = await Assert.ThrowsAsync<MlopsException>(() => store.DownloadAsync($"gs://{CloudStorageFixture.Bucket}/root/job/train_-7/model/", fixture.Downloads));

        Assert.Equal(ErrorCodes.Storage.ArtifactIsFolder, error.Code);
    }

    [Theory]
    [InlineData("s3://bucket/model")]
    [InlineData("gs://bucket")]
    [InlineData("gs://Bad_Bucket!/model")]
    public void A_uri_that_is_not_gs_bucket_object_gives_MLOPS6060(string uri)
    {
        var error = Assert.Throws<MlopsException>(() => GcsUri.Parse(uri));
        Assert.Equal(ErrorCodes.Storage.InvalidUri, error.Code);
    }
}
