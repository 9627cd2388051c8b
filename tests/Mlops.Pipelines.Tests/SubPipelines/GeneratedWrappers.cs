using Mlops.Pipelines;

namespace Mlops.Pipelines.Tests.SubPipelines;

// What restore generates for <SubPipelineReference Include="churn-training" Version="1.0.*" />, written here by hand.

/// <summary>Trains the churn model and registers it when it is good enough.</summary>
[SubPipeline("churn-training", "1.0.0", "sha256:c03c6104dba93ca4bb764447a5478a43fa58391e7dc37051c7887685e0934fd7")]
public sealed class ChurnTrainingSubPipeline : SubPipeline
{
    [KfpName("table")]
    public Input<string> Table { get; init; } = "crm.customers";

    [KfpName("min_f1")]
    public Input<double> MinF1 { get; init; } = 0.8;

    [KfpName("model")]
    public Output<Model> Model { get; } = new();
}

/// <summary>The same reference with a digest the embedded IR does not have (a tampered or stale restore).</summary>
[SubPipeline("churn-training", "1.0.0", "sha256:0000000000000000000000000000000000000000000000000000000000000000")]
public sealed class StaleChurnTrainingSubPipeline : SubPipeline
{
    [KfpName("model")]
    public Output<Model> Model { get; } = new();
}
