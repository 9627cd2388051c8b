namespace Mlops.Sdk.IntegrationTests.Infrastructure;

/// <summary>Where each sample under samples/ comes from, and what it changes on purpose.</summary>
public static class SampleOrigins
{
    /// <summary>The template parameters the samples are made with: this repository's packages, this SDK version.</summary>
    public static IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>
    {
        ["feed"] = "../../artifacts/packages",
        ["sdkVersion"] = RepositoryLayout.Version,
    };

    public static IReadOnlyList<SampleOrigin> All { get; } =
    [
        new("Churn", "mlops-subpipeline", new Dictionary<string, string>
        {
            ["Churn.csproj"] = "its version (1.4.0) and its images' registry",
            ["Pipelines.cs"] = "grown: an Epochs parameter, no caching of the extract, retries with backoff, a batch scoring",
            ["README.md"] = "says what the sample grew",
            ["nuget.config"] = "points at this repository's artifacts/packages, with a comment",
            ["tests/Churn.Tests/Churn.Tests.csproj"] = "central package management (Directory.Packages.props)",
            ["tests/Churn.Tests/ChurnTrainingTests.cs"] = "tests what the sample grew",
            ["tests/Churn.Tests/ChurnPredictionTests.cs"] = "left out: ChurnScoringTests.cs tests churn-prediction along with churn-batch-scoring",
        }),
        new("Ltv", "mlops-subpipeline", new Dictionary<string, string>(), Borrowed: [".gitignore", "global.json"]),
        new("CustomerScoring", "mlops-aggregator", new Dictionary<string, string>
        {
            ["CustomerScoring.csproj"] = "references the versions samples/Churn and samples/Ltv publish, one with an alias",
            ["Pipelines.cs"] = "uses that alias, LifetimeValue",
            ["README.md"] = "says which samples it composes",
            ["nuget.config"] = "points at this repository's artifacts/packages, with a comment",
            [".gitignore"] = "ignores mlops.lock.json: the sample commits none (see its README)",
        }),
    ];

    public static SampleOrigin Of(string sample) => All.Single(o => o.Sample == sample);

    public static TheoryData<string> Names() => new(All.Select(o => o.Sample));
}
