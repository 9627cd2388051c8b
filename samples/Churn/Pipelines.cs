using Churn.Steps;
using Mlops.Pipelines;

namespace Churn;

// This team's pipelines. `dotnet build` compiles each [Pipeline] class to bin/<config>/net10.0/pipelines/<name>.yaml
// (Kubeflow Pipelines IR); Build() is traced into a graph at build time, it does not run anything.
// The steps are in Steps/, the programs they run (and their Dockerfiles) in components/<image>/.

/// <summary>Trains the model once (in the dataops environment), evaluates it, and registers it when it is good enough.</summary>
[Pipeline("churn-training", Description = "Trains the churn model, evaluates it on held-out customers and registers it when its F1 score is high enough.")]
public sealed class ChurnTraining : Pipeline
{
    /// <summary>The customer table to learn from.</summary>
    public Input<string> Table { get; init; } = "crm.customers";

    /// <summary>Passes of gradient descent over the training set.</summary>
    public Input<int> Epochs { get; init; } = 300;

    /// <summary>The lowest F1 score on the test set at which the model is registered.</summary>
    public Input<double> MinF1 { get; init; } = 0.7;

    /// <summary>The trained model, registered or not.</summary>
    public Output<Model> Model { get; } = new();

    protected override void Build()
    {
        // The warehouse changes every day: never reuse yesterday's extract from the cache.
        var prepare = Run(new Prepare { Table = Table }).WithCaching(false);
        var train = Run(new Train { Data = prepare.Outputs.TrainingData, Epochs = Epochs })
            .WithCpu("2").WithMemory("4Gi").WithRetries(2, backoff: TimeSpan.FromMinutes(1));
        var evaluate = Run(new Evaluate { Model = train.Outputs.Model, Data = prepare.Outputs.TestData });
        If(evaluate.Outputs.F1 >= MinF1, () =>
            Run(new Register { Model = train.Outputs.Model, ModelName = "churn", F1 = evaluate.Outputs.F1 }));
        SetOutput(Model, train.Outputs.Model);
    }
}

/// <summary>Scores a customer table with a model registered by <see cref="ChurnTraining"/>; runs in every environment and in aggregators.</summary>
[Pipeline("churn-prediction", Description = "Scores a customer table with a registered churn model.")]
public sealed class ChurnPrediction : Pipeline
{
    /// <summary>The customer table to score.</summary>
    public Input<string> Table { get; init; } = "crm.customers_current";

    /// <summary>The model: package:churn_model (the published model package, pip-installed), or a pickle (gs:// or a path).</summary>
    public Input<string> ModelUri { get; init; } = "gs://dataops-models/churn/model.pkl";

    /// <summary>One row per customer: id and probability of leaving.</summary>
    public Output<Dataset> Predictions { get; } = new();

    protected override void Build()
    {
        var extract = Run(new Extract { Table = Table });
        var predict = Run(new Predict { Data = extract.Outputs.Data, ModelUri = ModelUri }).WithCpu("1").WithMemory("2Gi");
        SetOutput(Predictions, predict.Outputs.Predictions);
    }
}

/// <summary>Scores every customer segment with a model registered by <see cref="ChurnTraining"/>, nightly.</summary>
[Pipeline("churn-batch-scoring", Description = "Scores each customer segment's table with a registered churn model, two segments at a time.")]
public sealed class ChurnBatchScoring : Pipeline
{
    /// <summary>The segment tables scored by every run.</summary>
    public static readonly string[] Segments = ["crm.customers_eu", "crm.customers_us", "crm.customers_apac"];

    /// <summary>The model: package:churn_model (the published model package, pip-installed), or a pickle (gs:// or a path).</summary>
    public Input<string> ModelUri { get; init; } = "gs://dataops-models/churn/model.pkl";

    protected override void Build()
    {
        ParallelFor(Segments, segment =>
        {
            // Reading a segment fails now and then while the warehouse loads it: try again.
            var extract = Run(new Extract { Table = segment }).WithRetries(3);
            Run(new Predict { Data = extract.Outputs.Data, ModelUri = ModelUri }).WithCpu("1").WithMemory("2Gi");
        }, parallelism: 2);
    }
}
