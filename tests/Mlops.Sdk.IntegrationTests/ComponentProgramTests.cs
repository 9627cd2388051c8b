using CliWrap;
using CliWrap.Buffered;
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

        await Python("prepare", "prepare.py", "--table", "crm.customers", "--train", At("train/data.csv"), "--test", At("test/data.csv"));
        await Python("train", "train.py", "--data", At("train/data.csv"), "--epochs", "100", "--model", At("model/model.pkl"));
        await Python("train", "evaluate.py", "--model", At("model/model.pkl"), "--data", At("test/data.csv"), "--f1", At("f1/value"), "--metrics", At("metrics/metrics.json"));
        var f1 = double.Parse(File.ReadAllText(At("f1/value")), System.Globalization.CultureInfo.InvariantCulture);
        await Python("register", "register.py", "--model", At("model/model.pkl"), "--name", "fraud", "--f1", f1.ToString(System.Globalization.CultureInfo.InvariantCulture), "--card", At("card/card.md"));
        await Python("prepare", "extract.py", "--table", "crm.customers_current", "--output", At("score/data.csv"));
        await Python("predict", "predict.py", "--data", At("score/data.csv"), "--model-uri", "file://" + At("model/model.pkl"), "--predictions", At("predictions/data.csv"));

        Assert.InRange(f1, 0.5, 1.0);
        Assert.Contains("sha256", File.ReadAllText(At("card/card.md")));
        var predictions = File.ReadAllLines(At("predictions/data.csv"));
        Assert.Equal("customer_id,probability", predictions[0]);
        Assert.Equal(501, predictions.Length);
    }

    private async Task Python(string component, params string[] arguments)
    {
        BufferedCommandResult result;
        try
        {
            result = await Cli.Wrap("python3")
                .WithArguments(["-B", .. arguments])
                .WithWorkingDirectory(Path.Combine(repository.Directory, "components", component))
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("python3 is needed to run the template's components (apt-get install python3).", e);
        }
        output.WriteLine($"python3 {string.Join(' ', arguments)}: {result.ExitCode}{Environment.NewLine}{result.StandardOutput}{result.StandardError}");
        Assert.True(result.ExitCode == 0, $"{component}/{arguments[0]} failed: {result.StandardError}");
    }
}
