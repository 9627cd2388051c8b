using CustomerScoring.Steps;
using CustomerScoring.SubPipelines;
using Mlops.Pipelines;

namespace CustomerScoring;

// The orchestrator: other teams' prediction pipelines, at the versions mlops.lock.json pins, feeding one
// ranking step. `dotnet build` composes them into one pipeline (bin/<config>/net10.0/pipelines/customer-scoring.yaml),
// each team's pipeline a nested DAG. Wiring an output into an input of another type is a compile error here.

/// <summary>Ranks customers for retention offers: churn's probability of leaving times their expected spend.</summary>
[Pipeline("customer-scoring", Description = "Ranks customers for retention offers by churn probability times expected lifetime value.")]
public sealed class CustomerScoringPipeline : Pipeline
{
    /// <summary>The customer table churn scores.</summary>
    public Input<string> Customers { get; init; } = "crm.customers_current";

    /// <summary>The order table lifetime value scores.</summary>
    public Input<string> Orders { get; init; } = "sales.orders_current";

    /// <summary>Churn's model: its published model package (pip-installed where the steps run), or a pickle URI.</summary>
    public Input<string> ChurnModel { get; init; } = "package:churn_model";

    /// <summary>How many customers the ranking keeps.</summary>
    public Input<int> Top { get; init; } = 100;

    /// <summary>The top customers: id, probability of leaving, expected spend, value at risk.</summary>
    public Output<Dataset> Ranking { get; } = new();

    protected override void Build()
    {
        var churn = Run(new ChurnPrediction { Table = Customers, ModelUri = ChurnModel });
        var ltv = Run(new LifetimeValue { Orders = Orders, HorizonMonths = 6 });
        var rank = Run(new Prioritize { Churn = churn.Outputs.Predictions, Values = ltv.Outputs.Values, Top = Top }).WithCpu("1");
        SetOutput(Ranking, rank.Outputs.Ranking);
    }
}
