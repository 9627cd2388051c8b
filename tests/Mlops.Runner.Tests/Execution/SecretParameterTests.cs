using Mlops.Pipelines;
using Mlops.Runner.Execution;
using Mlops.Runner.Store;

namespace Mlops.Runner.Tests.Execution;

/// <summary>A secret passed as a run parameter is recorded as *** and masked in the steps' logs (issue 11, item 3).</summary>
public sealed class SecretParameterTests : IDisposable
{
    private const string Token = "hf_planted-secret-0123456789";

    private readonly RunnerHarness harness = new();

    public void Dispose() => harness.Dispose();

    public sealed class Download : ContainerComponent
    {
        public required Input<string> Model { get; init; }
        public required Input<string> HfToken { get; init; }

        protected override Container Container => new("busybox:1",
            ["sh", "-c", "echo \"downloading $0 with $1\"; echo \"auth failed for $1\" >&2", Model, HfToken]);
    }

    [Pipeline("download-model")]
    public sealed class DownloadPipeline : Pipeline
    {
        public Input<string> ModelName { get; init; } = "bert-base";
        public Input<string> HfToken { get; init; } = "";

        protected override void Build() => Run(new Download { Model = ModelName, HfToken = HfToken });
    }

    [Theory]
    [InlineData("hf_token", true)]
    [InlineData("HfToken", true)]
    [InlineData("db-password", true)]
    [InlineData("apiKey", true)]
    [InlineData("API_KEY", true)]
    [InlineData("aws_secret_access_key", true)]
    [InlineData("privateKey", true)]
    [InlineData("gcp_credentials", true)]
    [InlineData("tokenizer", false)]
    [InlineData("max_tokens", false)]
    [InlineData("keyword", false)]
    [InlineData("model_name", false)]
    [InlineData("primary_key_column", false)]
    public void Secret_parameters_are_told_by_the_words_of_their_names(string name, bool secret) =>
        Assert.Equal(secret, SecretParameters.IsSecret(name));

    [Fact]
    public async Task The_run_record_shows_the_secret_as_stars_and_the_steps_log_masks_it_on_both_streams()
    {
        var options = harness.Options(new DownloadPipeline(), new Dictionary<string, string> { ["hf_token"] = Token });

        var run = await LocalRunner.RunAsync(options);

        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal(SecretParameters.Mask, run.Parameters["hf_token"]!.GetValue<string>());
        Assert.Equal("bert-base", run.Parameters["model_name"]!.GetValue<string>());
        var folder = LocalRunner.FolderOf(options, run);
        var log = File.ReadAllText(Path.Combine(folder, "tasks", "download", "log.txt"));
        Assert.Contains("downloading bert-base with ***", log);
        Assert.Contains("auth failed for ***", log);
        Assert.DoesNotContain(Token, File.ReadAllText(Path.Combine(folder, "run.json")));
        Assert.DoesNotContain(Token, log);
        Assert.DoesNotContain(Token, harness.Observer.LastLogTail ?? "");
    }
}
