using System.Security.Cryptography;
using System.Text.Json;

namespace Mlops.Runner.Store;

/// <summary>
/// Run folders under <c>MLOPS_HOME/runs/PIPELINE/RUN-ID/</c> (run.json, per-task logs and artifacts), and a
/// <c>latest</c> file per pipeline naming the newest succeeded run.
/// </summary>
public sealed class RunStore(MlopsHome home)
{
    public MlopsHome Home { get; } = home;

    public static string NewRunId() =>
        $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";

    public string RunFolder(string pipeline, string runId) => Path.Combine(Home.Runs, pipeline, runId);

    public void Save(RunRecord record)
    {
        var folder = RunFolder(record.Pipeline, record.Id);
        Directory.CreateDirectory(folder);
        WriteAtomically(Path.Combine(folder, "run.json"), JsonSerializer.Serialize(record, RunRecord.JsonOptions));
        if (record.State == RunState.Succeeded)
        {
            WriteAtomically(Path.Combine(Home.Runs, record.Pipeline, "latest"), record.Id);
        }
    }

    /// <summary>A run by id, or <c>latest</c> for the newest succeeded run of <paramref name="pipeline"/>.</summary>
    public RunRecord? Find(string pipeline, string runIdOrLatest)
    {
        var id = runIdOrLatest;
        if (runIdOrLatest == "latest")
        {
            var latest = Path.Combine(Home.Runs, pipeline, "latest");
            if (!File.Exists(latest))
            {
                return null;
            }
            id = File.ReadAllText(latest).Trim();
        }
        var file = Path.Combine(RunFolder(pipeline, id), "run.json");
        return File.Exists(file) ? JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(file), RunRecord.JsonOptions) : null;
    }

    private static void WriteAtomically(string path, string text)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
