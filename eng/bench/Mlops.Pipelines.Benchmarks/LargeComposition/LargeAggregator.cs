namespace Mlops.Pipelines.Benchmarks.LargeComposition;

/// <summary>
/// The aggregator of the 14 published team pipelines, each fed the previous one's summary. An aggregator project runs
/// them through restore's generated wrappers; here they are loaded from their IR text, which compiles the same way.
/// </summary>
[Pipeline("large-scoring", Description = "Every team in a row, each one fed the previous one's summary.")]
public sealed class LargeAggregator(IReadOnlyList<KfpComponent> teams) : Pipeline
{
    public Input<string> Start { get; init; } = "edit-0";

    protected override void Build()
    {
        ValueRef upstream = Start;
        foreach (var team in teams)
        {
            upstream = Run(team, new Dictionary<string, ValueRef> { ["upstream"] = upstream }).Output("summary");
        }
    }
}
