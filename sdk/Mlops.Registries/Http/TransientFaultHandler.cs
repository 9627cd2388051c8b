using Polly;
using Polly.Retry;

namespace Mlops.Registries.Http;

/// <summary>
/// Retries a request whose content can be sent again (none, or buffered bytes) when it failed transiently
/// (<see cref="TransientFaults"/>), with exponential backoff and the server's <c>Retry-After</c>. A streamed upload
/// cannot be replayed by a handler: the client retries that whole operation (e.g. an OCI blob from its HEAD).
/// </summary>
public sealed class TransientFaultHandler : DelegatingHandler
{
    private readonly RetrySettings settings;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    public TransientFaultHandler(RetrySettings settings, HttpMessageHandler innerHandler) : base(innerHandler)
    {
        this.settings = settings;
        pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(settings.MaxRetries, 1),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: { } e } => TransientFaults.IsTransient(e, args.Context.CancellationToken),
                    { Result: { } response } => TransientFaults.IsTransient(response.StatusCode),
                    _ => false,
                }),
                DelayGenerator = args =>
                {
                    var wait = args.Outcome.Result is { } response ? TransientFaults.RetryAfter(response, settings.MaxRetryAfter) : null;
                    args.Outcome.Result?.Dispose();
                    return ValueTask.FromResult<TimeSpan?>(wait ?? settings.DelayBefore(args.AttemptNumber));
                },
            })
            .Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (settings.MaxRetries <= 0 || !IsReplayable(request.Content))
        {
            return await base.SendAsync(request, cancellationToken);
        }
        return await pipeline.ExecuteAsync(
            async token => await base.SendAsync(request, token),
            cancellationToken);
    }

    private static bool IsReplayable(HttpContent? content) =>
        content is null or ByteArrayContent or FormUrlEncodedContent;
}
