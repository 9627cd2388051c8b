namespace Mlops.Environments.Tests;

/// <summary>The issue's environments file, written out whole, and ways to find a token's place in a text.</summary>
internal static class SampleFiles
{
    public const string Path = "/repo/mlops.environments.json";

    public const string Issue = """
        {
          "environments": {
            "dataops": {
              "project": "acme-dataops", "region": "europe-west4", "training": true,
              "registries": {
                "images":    "europe-west4-docker.pkg.dev/acme-dataops/components",
                "pipelines": "https://europe-west4-kfp.pkg.dev/acme-dataops/pipelines",
                "python":    "https://europe-west4-python.pkg.dev/acme-dataops/models/"
              },
              "runner": { "kind": "vertex", "pipelineRoot": "gs://acme-dataops-pipelines/root",
                          "serviceAccount": "pipelines@acme-dataops.iam.gserviceaccount.com" }
            },
            "dev": {
              "project": "acme-dev", "region": "europe-west4",
              "registries": {
                "images":    "europe-west4-docker.pkg.dev/acme-dev/components",
                "pipelines": "https://europe-west4-kfp.pkg.dev/acme-dev/pipelines",
                "python":    "https://europe-west4-python.pkg.dev/acme-dev/models/"
              },
              "runner": { "kind": "vertex", "pipelineRoot": "gs://acme-dev-pipelines/root",
                          "serviceAccount": "pipelines@acme-dev.iam.gserviceaccount.com" },
              "promotesFrom": "dataops"
            },
            "staging": {
              "project": "acme-staging", "region": "europe-west4",
              "registries": {
                "images":    "europe-west4-docker.pkg.dev/acme-staging/components",
                "pipelines": "https://europe-west4-kfp.pkg.dev/acme-staging/pipelines",
                "python":    "https://europe-west4-python.pkg.dev/acme-staging/models/"
              },
              "runner": { "kind": "vertex", "pipelineRoot": "gs://acme-staging-pipelines/root",
                          "serviceAccount": "pipelines@acme-staging.iam.gserviceaccount.com" },
              "promotesFrom": "dev"
            },
            "prod": {
              "project": "acme-prod", "region": "europe-west4",
              "registries": {
                "images":    "europe-west4-docker.pkg.dev/acme-prod/components",
                "pipelines": "https://europe-west4-kfp.pkg.dev/acme-prod/pipelines",
                "python":    "https://europe-west4-python.pkg.dev/acme-prod/models/"
              },
              "runner": { "kind": "vertex", "pipelineRoot": "gs://acme-prod-pipelines/root",
                          "serviceAccount": "pipelines@acme-prod.iam.gserviceaccount.com" },
              "promotesFrom": "staging", "requiresApproval": true
            }
          }
        }
        """;

    /// <summary>A small valid file with one training environment, to break in one place per test.</summary>
    public const string Minimal = """
        {
          "environments": {
            "dataops": {
              "training": true,
              "registries": {
                "images": "http://localhost:5055/components",
                "pipelines": "http://127.0.0.1:5056/pipelines",
                "python": "http://127.0.0.1:5057/simple/"
              }
            }
          }
        }
        """;

    /// <summary>The 1-based line and column of the <paramref name="occurrence"/>th (1-based) occurrence of <paramref name="token"/>.</summary>
    public static (int Line, int Column) PositionOf(string text, string token, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = text.IndexOf(token, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{token}' is not {occurrence} times in the text");
        }
        var before = text[..index];
        var line = before.Count(c => c == '\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }
}
