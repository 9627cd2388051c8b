using Mlops.Diagnostics;
using System.Security.Cryptography;

namespace Mlops.Packaging;

/// <summary>A trained model's file, read once for its sha256 (the same digest feeds the model card and the wheel's RECORD).</summary>
internal sealed record ModelFile(string Path, string Name, long Length, byte[] Sha256)
{
    public string Sha256Hex => Convert.ToHexStringLower(Sha256);

    public static ModelFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new PackagingException(ErrorCodes.Packaging.ModelFileNotFound,
                $"There is no model file at '{System.IO.Path.GetFullPath(path)}': run the training pipeline first, or name the run whose model to package.");
        }
        using var stream = File.OpenRead(path);
        var sha256 = SHA256.HashData(stream);
        return new ModelFile(System.IO.Path.GetFullPath(path), System.IO.Path.GetFileName(path), stream.Length, sha256);
    }

    /// <summary>Fails unless <paramref name="card"/> describes this very file.</summary>
    public void EnsureDescribedBy(ModelCard card)
    {
        if (card.ModelFile != Name || card.ModelSha256 != Sha256Hex)
        {
            throw new PackagingException(ErrorCodes.Packaging.ModelFileDoesNotMatchCard,
                $"The model card describes '{card.ModelFile}' with sha256 {card.ModelSha256}, but the model file is '{Name}' with sha256 {Sha256Hex}: " +
                "create the card from this file (ModelCard.Create) after training wrote it.");
        }
    }
}
