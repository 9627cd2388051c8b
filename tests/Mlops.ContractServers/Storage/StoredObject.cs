using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Mlops.ContractServers.Storage;

/// <summary>
/// One object of the Cloud Storage stand-in: a file under <c>{storage}/gcs/{bucket}/{object}</c>, with what GCS
/// reports of it. The generation is the file's last write time in microseconds (GCS's generations are timestamps
/// too), so rewriting the file makes a new generation.
/// </summary>
internal sealed record StoredObject(string Bucket, string Name, string File, long Size, long Generation, string Md5Hash, string Crc32c)
{
    public static StoredObject Read(string bucket, string name, string file, string? reportedCrc32c)
    {
        var info = new FileInfo(file);
        var bytes = System.IO.File.ReadAllBytes(file);
        var generation = (info.LastWriteTimeUtc - DateTime.UnixEpoch).Ticks / 10;
        return new StoredObject(bucket, name, file, bytes.LongLength, generation, Convert.ToBase64String(MD5.HashData(bytes)),
            reportedCrc32c ?? Convert.ToBase64String(BigEndianCrc32c(bytes)));
    }

    public string ETag => Convert.ToBase64String(BitConverter.GetBytes(Generation));

    /// <summary>The object resource (<c>storage#object</c>) as the JSON API returns it; int64 fields are strings.</summary>
    public JsonObject ToJson(Uri apiRoot)
    {
        var escaped = Uri.EscapeDataString(Name);
        var updated = DateTimeOffset.FromUnixTimeMilliseconds(Generation / 1000).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["kind"] = "storage#object",
            ["id"] = $"{Bucket}/{Name}/{Generation}",
            ["selfLink"] = new Uri(apiRoot, $"storage/v1/b/{Bucket}/o/{escaped}").ToString(),
            ["mediaLink"] = new Uri(apiRoot, $"download/storage/v1/b/{Bucket}/o/{escaped}?generation={Generation}&alt=media").ToString(),
            ["name"] = Name,
            ["bucket"] = Bucket,
            ["generation"] = Generation.ToString(CultureInfo.InvariantCulture),
            ["metageneration"] = "1",
            ["contentType"] = "application/octet-stream",
            ["storageClass"] = "STANDARD",
            ["size"] = Size.ToString(CultureInfo.InvariantCulture),
            ["md5Hash"] = Md5Hash,
            ["crc32c"] = Crc32c,
            ["etag"] = ETag,
            ["timeCreated"] = updated,
            ["updated"] = updated,
        };
    }

    /// <summary>CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bit by bit, as the 4 big-endian bytes GCS base64-encodes.</summary>
    private static byte[] BigEndianCrc32c(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }
        crc ^= 0xFFFFFFFFu;
        return [(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc];
    }
}
