namespace Mlops.Backends.Storage;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum Cloud Storage keeps of every object. GCS reports
/// it as the base64 of its 4 bytes in big-endian order (<see cref="ToBase64"/>).
/// </summary>
internal sealed class Crc32c
{
    private static readonly uint[] Table = BuildTable();
    private uint crc = 0xFFFFFFFFu;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        var value = crc;
        foreach (var b in bytes)
        {
            value = Table[(value ^ b) & 0xFF] ^ (value >> 8);
        }
        crc = value;
    }

    public uint Value => crc ^ 0xFFFFFFFFu;

    public string ToBase64()
    {
        var value = Value;
        return Convert.ToBase64String([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var entry = n;
            for (var k = 0; k < 8; k++)
            {
                entry = (entry & 1) == 1 ? 0x82F63B78u ^ (entry >> 1) : entry >> 1;
            }
            table[n] = entry;
        }
        return table;
    }
}
