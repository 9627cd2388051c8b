using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Mlops.Pipelines.Hosting;

/// <summary>
/// A <see cref="ScheduleAttribute"/> as emit writes it next to the IR files (<see cref="FileName"/>), so publish, which
/// never loads the team's assembly, can reconcile the environment's schedules with it.
/// </summary>
public sealed record DeclaredSchedule(string Pipeline, string Name, string Cron, IReadOnlyList<string> Environments)
{
    public const string FileName = "schedules.json";

    public string? TimeZone { get; init; }

    /// <summary>Parameter values as typed (<c>--param</c> text), by name.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public int MaxConcurrentRuns { get; init; } = 1;

    /// <summary>What the runner shows, and what finds the schedule again: <c>PIPELINE NAME</c>.</summary>
    [JsonIgnore]
    public string DisplayName => $"{Pipeline} {Name}";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ScheduleFileJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static void Write(string folder, IReadOnlyList<DeclaredSchedule> schedules)
    {
        // Written with none too: publish then pauses the schedules the code stopped declaring.
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(new ScheduleFile(schedules), Json));
    }

    /// <summary>The schedules emit wrote to <paramref name="folder"/>; none when it wrote no file.</summary>
    public static IReadOnlyList<DeclaredSchedule> Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<ScheduleFile>(File.ReadAllText(path), Json)?.Schedules ?? [] : [];
    }

    internal sealed record ScheduleFile(IReadOnlyList<DeclaredSchedule> Schedules);
}

/// <summary>schedules.json's serialization metadata, generated at compile time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeclaredSchedule.ScheduleFile))]
internal sealed partial class ScheduleFileJsonContext : JsonSerializerContext;
