using Ltv.Steps;
using Mlops.Pipelines;

namespace Ltv;

// The lifetime-value team's pipelines: a regression of a customer's spend over the next months from their
// order history. Their inputs and outputs differ from the churn team's on purpose: an aggregator wires both.

[Pipeline("ltv-training", Description = "Fits the lifetime-value regression on order history and reports its mean absolute error.")]
public sealed class LtvTraining : Pipeline
{
    /// <summary>The order table to learn from.</summary>
    public Input<string> Orders { get; init; } = "sales.orders";

    /// <summary>How many months of future spend the model predicts.</summary>
    public Input<int> HorizonMonths { get; init; } = 12;

    /// <summary>The fitted model.</summary>
    public Output<Model> Model { get; } = new();

    /// <summary>Mean absolute error on held-out customers, in the orders' currency.</summary>
    public Output<double> Mae { get; } = new();

    protected override void Build()
    {
        var features = Run(new Aggregate { Orders = Orders, HorizonMonths = HorizonMonths });
        var fit = Run(new Fit { Features = features.Outputs.Features }).WithMemory("2Gi").WithRetries(1);
        SetOutput(Model, fit.Outputs.Model);
        SetOutput(Mae, fit.Outputs.Mae);
    }
}

[Pipeline("ltv-prediction", Description = "Scores every customer's expected spend over the horizon with a fitted lifetime-value model.")]
public sealed class LtvPrediction : Pipeline
{
    /// <summary>The order table of the customers to score.</summary>
    public Input<string> Orders { get; init; } = "sales.orders_current";

    /// <summary>How many months of future spend to predict.</summary>
    public Input<int> HorizonMonths { get; init; } = 12;

    /// <summary>The model: package:ltv_model (the published model package, pip-installed), or a pickle path.</summary>
    public Input<string> ModelUri { get; init; } = "package:ltv_model";

    /// <summary>One row per customer: id and expected spend.</summary>
    public Output<Dataset> Values { get; } = new();

    /// <summary>The sum of all customers' expected spend.</summary>
    public Output<double> TotalValue { get; } = new();

    protected override void Build()
    {
        var features = Run(new Aggregate { Orders = Orders, HorizonMonths = HorizonMonths });
        var score = Run(new Score { Features = features.Outputs.Features, ModelUri = ModelUri });
        SetOutput(Values, score.Outputs.Values);
        SetOutput(TotalValue, score.Outputs.Total);
    }
}
