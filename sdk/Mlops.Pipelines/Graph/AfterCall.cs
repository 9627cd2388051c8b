using Mlops.Pipelines.Diagnostics;

namespace Mlops.Pipelines.Graph;

/// <summary>
/// One <c>.After(upstream)</c>: where it was called (null when unknown) and its place among all such calls, so that the
/// call that closed a dependency cycle, the last one of the cycle, is the one reported.
/// </summary>
internal sealed record AfterCall(Node Upstream, SourceLocation? At, long Order)
{
    private static long calls;

    public static AfterCall Next(Node upstream, SourceLocation? at) => new(upstream, at, Interlocked.Increment(ref calls));
}
