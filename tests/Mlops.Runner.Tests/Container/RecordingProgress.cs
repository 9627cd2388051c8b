using Docker.DotNet.Models;

namespace Mlops.Runner.Tests.Containers;

/// <summary>
/// Keeps the messages of a build or push as they arrive (synchronously, unlike <see cref="Progress{T}"/>). The Docker
/// API reports a failed build or push in these messages, not as an error status, so a test must read them.
/// </summary>
public sealed class RecordingProgress : IProgress<JSONMessage>
{
    private readonly List<JSONMessage> messages = [];

    public void Report(JSONMessage value)
    {
        lock (messages)
        {
            messages.Add(value);
        }
    }

    public IReadOnlyList<JSONMessage> Messages
    {
        get
        {
            lock (messages)
            {
                return messages.ToList();
            }
        }
    }

    /// <summary>The first error the engine reported, or null.</summary>
    public string? Error => Messages.Select(m => m.Error?.Message is { Length: > 0 } e ? e : m.ErrorMessage).FirstOrDefault(e => !string.IsNullOrEmpty(e));

    public string Transcript => string.Join("", Messages.Select(m =>
        m.Stream ?? (m.Status is { Length: > 0 } status ? $"{status} {m.ID} {m.ProgressMessage}".TrimEnd() + "\n" : "")
        + (m.ErrorMessage is { Length: > 0 } error ? $"ERROR {error}\n" : "")));
}
