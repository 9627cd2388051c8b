namespace Mlops.Registries.Http;

/// <summary>
/// How often and how long a registry client retries a request that failed for a reason that goes away: 408, 429,
/// 5xx, a dropped connection. The defaults follow go-containerregistry (three tries: 1 s, then 3 s); a
/// <c>Retry-After</c> of a 429 or 503 is honoured up to <see cref="MaxRetryAfter"/>.
/// </summary>
public sealed record RetrySettings
{
    public int MaxRetries { get; init; } = 3;

    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    public double BackoffFactor { get; init; } = 3;

    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a try may go without a byte moving (of the request body, the answer's headers or body) before it is
    /// abandoned as stalled and retried (<see cref="StallDetectionHandler"/>). HttpClient's own default timeout; it
    /// bounds silence, not a transfer, so a large blob that keeps moving is never cut.
    /// </summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(100);

    public static RetrySettings Default { get; } = new();

    /// <summary>No waiting between tries, for tests that inject faults.</summary>
    public static RetrySettings Immediate { get; } = new() { FirstDelay = TimeSpan.Zero, MaxRetryAfter = TimeSpan.FromSeconds(2) };

    public TimeSpan DelayBefore(int retry) => TimeSpan.FromTicks((long)(FirstDelay.Ticks * Math.Pow(BackoffFactor, retry)));
}
