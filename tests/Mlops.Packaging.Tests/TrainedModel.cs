using System.Text.Json.Nodes;

namespace Mlops.Packaging.Tests;

/// <summary>A model file as a training run writes it: a pickle made by python3, and the card describing it.</summary>
internal static class TrainedModel
{
    public static readonly DateTimeOffset CreatedAt = new(2026, 3, 14, 15, 9, 26, TimeSpan.Zero);

    public static readonly ModelProvenance Provenance = new("churn-training", "1.4.2", "20260314-150926-a1b2c3", "0123456789abcdef0123456789abcdef01234567");

    // python3 is made to write the pickle once per test run: starting it for every test costs a few hundred ms.
    private static readonly Lazy<Task<byte[]>> Pickle = new(async () =>
    {
        using var folder = new TempFolder();
        var path = folder.File("model.pkl");
        (await Python.RunAsync(["-c", "import pickle, sys; pickle.dump({'w': [1, 2, 3]}, open(sys.argv[1], 'wb'))", path])).EnsureSuccess();
        return await File.ReadAllBytesAsync(path);
    });

    public static async Task<string> WritePickleAsync(string folder, string fileName = "model.pkl")
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        await File.WriteAllBytesAsync(path, await Pickle.Value);
        return path;
    }

    public static ModelCard CardFor(string modelPath, string version = "1.0.0") =>
        ModelCard.Create(modelPath, "churn", version, Provenance, Metrics(), CreatedAt);

    public static JsonObject Metrics() => new() { ["f1"] = 0.91, ["accuracy"] = 0.88, ["rows"] = 1000 };
}
