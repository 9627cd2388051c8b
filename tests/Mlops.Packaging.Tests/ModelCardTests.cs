using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Mlops.Packaging.Tests;

public sealed class ModelCardTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string WriteModel(string content = "model bytes")
    {
        var path = _temp.File("model.pkl");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Create_reads_the_model_files_name_and_sha256()
    {
        var model = WriteModel();

        var card = TrainedModel.CardFor(model);

        Assert.Equal("model.pkl", card.ModelFile);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(model))), card.ModelSha256);
        Assert.Equal("churn-training", card.PipelineName);
        Assert.Equal("1.4.2", card.PipelineVersion);
        Assert.Equal("20260314-150926-a1b2c3", card.RunId);
    }

    [Fact]
    public void Serializes_to_snake_case_json_with_sorted_metrics()
    {
        var card = TrainedModel.CardFor(WriteModel());

        Assert.Equal($$"""
            {
              "schema": "mlops.model-card/v1",
              "model_name": "churn",
              "model_version": "1.0.0",
              "pipeline_name": "churn-training",
              "pipeline_version": "1.4.2",
              "run_id": "20260314-150926-a1b2c3",
              "source_commit": "0123456789abcdef0123456789abcdef01234567",
              "created_at": "2026-03-14T15:09:26Z",
              "model_file": "model.pkl",
              "model_sha256": "{{card.ModelSha256}}",
              "metrics": {
                "accuracy": 0.88,
                "f1": 0.91,
                "rows": 1000
              }
            }

            """.ReplaceLineEndings("\n"), card.ToJson());
    }

    [Fact]
    public void Equal_inputs_give_equal_bytes_whatever_the_order_of_the_metrics()
    {
        var model = WriteModel();
        var reordered = new JsonObject { ["rows"] = 1000, ["accuracy"] = 0.88, ["f1"] = 0.91 };

        var first = TrainedModel.CardFor(model).ToUtf8Json();
        var second = ModelCard.Create(model, "churn", "1.0.0", TrainedModel.Provenance, reordered, TrainedModel.CreatedAt.ToOffset(TimeSpan.FromHours(2))).ToUtf8Json();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Parse_reads_back_what_ToJson_wrote()
    {
        var card = TrainedModel.CardFor(WriteModel());
        var parsed = ModelCard.Parse(card.ToJson());

        Assert.Equal(card.ToJson(), parsed.ToJson());
        Assert.Equal(card.CreatedAt, parsed.CreatedAt);
        Assert.Equal(0.91, parsed.Metrics["f1"]!.GetValue<double>());
    }

    [Fact]
    public void An_empty_source_commit_is_allowed()
    {
        var card = ModelCard.Create(WriteModel(), "churn", "1.0.0", TrainedModel.Provenance with { SourceCommit = "" }, [], TrainedModel.CreatedAt);

        Assert.Contains("\"source_commit\": \"\"", card.ToJson());
        Assert.Contains("\"metrics\": {}", card.ToJson());
    }

    [Fact]
    public void A_missing_model_file_fails_with_MLOPS3104()
    {
        var error = Assert.Throws<PackagingException>(() => TrainedModel.CardFor(_temp.File("missing.pkl")));
        Assert.Equal("MLOPS3104", error.Code);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"model_name\": \"churn\"}")]
    public void Unreadable_card_json_fails_with_MLOPS3107(string json)
    {
        var error = Assert.Throws<PackagingException>(() => ModelCard.Parse(json));
        Assert.Equal("MLOPS3107", error.Code);
    }

    [Fact]
    public void An_empty_model_name_fails_with_MLOPS3107()
    {
        var error = Assert.Throws<PackagingException>(() => ModelCard.Create(WriteModel(), " ", "1.0.0", TrainedModel.Provenance, [], TrainedModel.CreatedAt));
        Assert.Equal("MLOPS3107", error.Code);
        Assert.Contains("model name", error.Message);
    }

    [Fact]
    public void A_remote_runs_lineage_is_written_after_the_source_commit_and_read_back()
    {
        var provenance = TrainedModel.Provenance with
        {
            RunId = "projects/acme-dataops/locations/europe-west1/pipelineJobs/churn-training-20260314",
            TemplateUri = "https://europe-west1-kfp.pkg.dev/acme-dataops/pipelines/churn-training/sha256:" + new string('b', 64),
            TemplateDigest = "sha256:" + new string('b', 64),
            ModelUri = "gs://acme-dataops-pipelines/root/churn-training-20260314/train/model",
        };

        var card = ModelCard.Create(WriteModel(), "churn", "1.0.0", provenance, [], TrainedModel.CreatedAt);
        var json = card.ToJson();

        Assert.Contains($"""
              "source_commit": "{provenance.SourceCommit}",
              "template_uri": "{provenance.TemplateUri}",
              "template_digest": "{provenance.TemplateDigest}",
              "model_uri": "{provenance.ModelUri}",
              "created_at"
            """.ReplaceLineEndings("\n"), json);
        var parsed = ModelCard.Parse(json);
        Assert.Equal(provenance.RunId, parsed.RunId);
        Assert.Equal(provenance.TemplateDigest, parsed.TemplateDigest);
        Assert.Equal(json, parsed.ToJson());
    }

    [Fact]
    public void A_local_runs_card_has_no_remote_lineage_fields()
    {
        var json = TrainedModel.CardFor(WriteModel()).ToJson();

        Assert.DoesNotContain("template_uri", json);
        Assert.DoesNotContain("model_uri", json);
    }
}
