using Mlops.Sdk.IntegrationTests.Infrastructure;

namespace Mlops.Sdk.IntegrationTests;

/// <summary>The scaffolded components' Python programs work together: prepare → train → evaluate → register, extract → predict.</summary>
[Collection(ScaffoldedRepositoryCollection.Name)]
public sealed class ComponentProgramTests(ScaffoldedRepositoryFixture repository, ITestOutputHelper output)
{
    [Fact]
    public async Task Components_train_a_model_that_predict_loads()
    {
        var work = TestRun.NewDirectory("components-run");
        string At(string name) => Path.Combine(work, name);

        await RunComponent("prepare", "prepare.py", "--table", "crm.customers", "--train", At("train/data.csv"), "--test", At("test/data.csv"));
        await RunComponent("train", "train.py", "--data", At("train/data.csv"), "--epochs", "100", "--model", At("model/model.pkl"));
        await RunComponent("train", "evaluate.py", "--model", At("model/model.pkl"), "--data", At("test/data.csv"), "--f1", At("f1/value"), "--metrics", At("metrics/metrics.json"));
        var f1 = double.Parse(File.ReadAllText(At("f1/value")), System.Globalization.CultureInfo.InvariantCulture);
        await RunComponent("register", "register.py", "--model", At("model/model.pkl"), "--name", "fraud", "--f1", f1.ToString(System.Globalization.CultureInfo.InvariantCulture), "--card", At("card/card.md"));
        await RunComponent("prepare", "extract.py", "--table", "crm.customers_current", "--output", At("score/data.csv"));
        await RunComponent("predict", "predict.py", "--data", At("score/data.csv"), "--model-uri", "file://" + At("model/model.pkl"), "--predictions", At("predictions/data.csv"));

        Assert.InRange(f1, 0.5, 1.0);
        Assert.Contains("sha256", File.ReadAllText(At("card/card.md")));
        var predictions = File.ReadAllLines(At("predictions/data.csv"));
        Assert.Equal("customer_id,probability", predictions[0]);
        Assert.Equal(501, predictions.Length);
    }

    private async Task RunComponent(string component, params string[] arguments)
    {
        var result = await Python.RunAsync(["-B", .. arguments], Path.Combine(repository.Directory, "components", component));
        output.WriteLine($"{result}{Environment.NewLine}{result.AllOutput}");
        Assert.True(result.Succeeded, $"{component}/{arguments[0]} failed: {result.Error}");
    }
}
