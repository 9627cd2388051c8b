using Mlops.Pipelines.Ir;
using Polly;
using Polly.Retry;

namespace Mlops.Runner.Execution;

public sealed partial class LocalRunner
{
    /// <summary>KFP's retry policy: up to maxRetryCount more tries, waiting backoff·factor^n, at most backoffMaxDuration.</summary>
    private static ResiliencePipeline<int> Retry(RetryPolicy? policy)
    {
        if (policy is not { MaxRetryCount: > 0 })
        {
            return ResiliencePipeline<int>.Empty;
        }
        var backoff = Seconds(policy.BackoffDuration) ?? TimeSpan.Zero;
        var factor = policy.BackoffFactor <= 0 ? 2.0 : policy.BackoffFactor;
        var max = Seconds(policy.BackoffMaxDuration) ?? TimeSpan.FromHours(1);
        return new ResiliencePipelineBuilder<int>()
            .AddRetry(new RetryStrategyOptions<int>
            {
                ShouldHandle = new PredicateBuilder<int>().HandleResult(code => code != 0),
                MaxRetryAttempts = policy.MaxRetryCount,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    TimeSpan.FromSeconds(Math.Min(max.TotalSeconds, backoff.TotalSeconds * Math.Pow(factor, args.AttemptNumber)))),
            })
            .Build();
    }

    private static TimeSpan? Seconds(string? duration) =>
        duration is { Length: > 1 } && duration.EndsWith('s') && double.TryParse(duration[..^1], System.Globalization.CultureInfo.InvariantCulture, out var s)
            ? TimeSpan.FromSeconds(s) : null;
}
