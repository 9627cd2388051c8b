using Mlops.Backends.Vertex;
using Mlops.Diagnostics;

namespace Mlops.Backends.Tests.Vertex;

/// <summary>Job ids made as the aiplatform SDK makes them, and labels checked by Vertex AI's rules.</summary>
public sealed class VertexJobIdTests
{
    private static readonly DateTimeOffset Noon = new(2026, 9, 1, 12, 30, 5, TimeSpan.Zero);

    [Theory]
    [InlineData("training", "training-20260901123005")]
    [InlineData("Churn_Training v2", "churn-training-v2-20260901123005")]
    [InlineData("--a..b--", "a-b-20260901123005")]
    public void An_id_is_the_lower_cased_name_with_runs_of_other_characters_as_a_dash_and_the_time(string name, string id) =>
        Assert.Equal(id, VertexJobId.Derive(name, Noon));

    [Theory]
    [InlineData("2-fast")]
    [InlineData("Upper")]
    [InlineData("")]
    public void An_id_that_does_not_start_with_a_letter_or_has_other_characters_is_refused(string id) =>
        Assert.Equal(ErrorCodes.Vertex.InvalidJobId, Assert.Throws<MlopsException>(() => VertexJobId.Validate(id, "the run id")).Code);

    [Fact]
    public void An_id_of_more_than_128_characters_is_refused() =>
        Assert.Throws<MlopsException>(() => VertexJobId.Derive(new string('a', 114), Noon));

    [Theory]
    [InlineData("Team", "x")]
    [InlineData("team", "Search")]
    [InlineData("vertex-ai-pipelines-run-billing-id", "1")]
    [InlineData("1team", "x")]
    public void A_label_Vertex_refuses_is_refused_before_any_call(string key, string value)
    {
        var error = Assert.Throws<MlopsException>(() => VertexLabels.Merge(new Dictionary<string, string>(), new Dictionary<string, string> { [key] = value }));
        Assert.Equal(ErrorCodes.Vertex.InvalidLabel, error.Code);
    }

    [Fact]
    public void The_runs_labels_override_the_environments()
    {
        var labels = VertexLabels.Merge(new Dictionary<string, string> { ["team"] = "search", ["env"] = "dataops" }, new Dictionary<string, string> { ["team"] = "ranking" });
        Assert.Equal(["env", "team"], labels.Keys);
        Assert.Equal("ranking", labels["team"]);
    }

    [Theory]
    [InlineData("The replica workerpool0-0 exited with a non-zero status of 137. Termination reason: OOMKilled.", 137)]
    [InlineData("Task failed.", null)]
    public void The_exit_code_is_read_from_Vertex_s_message(string message, int? code) =>
        Assert.Equal(code, VertexJobStatus.ExitCode(message));
}
