using Mlops.Diagnostics;

namespace Mlops.Environments.Tests;

/// <summary>One mistake per test: its exact code, line and column, and a message that says what to change.</summary>
public sealed class EnvironmentsFileErrorTests
{
    private static readonly string Registries = """
        "registries": {
                "images": "http://localhost:5055/components",
                "pipelines": "http://127.0.0.1:5056/pipelines",
                "python": "http://127.0.0.1:5057/simple/"
              }
        """;

    [Fact]
    public void A_syntax_error_is_reported_where_the_reader_stopped()
    {
        var json = SampleFiles.Minimal.Replace("\"training\": true,", "\"training\": true,,");

        var diagnostic = Single(json, ErrorCodes.Environments.InvalidJson);

        Assert.Equal((4, 24), (diagnostic.Location!.Line, diagnostic.Location.Column));
        Assert.Contains("not valid JSON", diagnostic.Message);
    }

    [Fact]
    public void A_comment_is_a_syntax_error()
    {
        var diagnostic = Single("{\n  // note\n}", ErrorCodes.Environments.InvalidJson);

        Assert.Equal((2, 3), (diagnostic.Location!.Line, diagnostic.Location.Column));
    }

    [Fact]
    public void An_empty_file_is_reported()
    {
        Assert.Equal(new SourceLocation(SampleFiles.Path, 1, 1), Single("", ErrorCodes.Environments.InvalidJson).Location);
        Assert.Equal(new SourceLocation(SampleFiles.Path, 2, 3), Single("\n  ", ErrorCodes.Environments.InvalidJson).Location);
    }

    [Fact]
    public void A_duplicate_key_is_reported_at_its_second_occurrence()
    {
        var json = SampleFiles.Minimal.Replace("\"training\": true,", "\"training\": true, \"training\": true,");

        var diagnostic = Single(json, ErrorCodes.Environments.DuplicateKey);

        AssertAt(json, "\"training\"", 2, diagnostic);
        Assert.Contains("first at line 4", diagnostic.Message);
    }

    [Fact]
    public void An_unknown_key_suggests_the_closest_known_one()
    {
        var json = SampleFiles.Minimal.Replace("\"pipelines\":", "\"pipeline\":");

        var errors = Errors(json);

        var unknown = Assert.Single(errors, d => d.Code == ErrorCodes.Environments.UnknownKey);
        AssertAt(json, "\"pipeline\"", 1, unknown);
        Assert.Contains("Did you mean \"pipelines\"?", unknown.Message);
        // the registry it was meant to be is then missing, and said so too
        Assert.Contains(errors, d => d.Code == ErrorCodes.Environments.MissingRegistry && d.Message.Contains("\"pipelines\""));
    }

    [Fact]
    public void An_unknown_key_far_from_any_lists_the_known_ones()
    {
        var json = SampleFiles.Minimal.Replace("\"training\": true,", "\"training\": true, \"owner\": \"x\",");

        var diagnostic = Single(json, ErrorCodes.Environments.UnknownKey);

        Assert.Contains("\"promotesFrom\"", diagnostic.Message);
        AssertAt(json, "\"owner\"", 1, diagnostic);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_reported_at_the_value()
    {
        var json = SampleFiles.Minimal.Replace("\"training\": true,", "\"training\": \"yes\",");

        var errors = Errors(json);

        var wrongType = Assert.Single(errors, d => d.Code == ErrorCodes.Environments.WrongValueType);
        AssertAt(json, "\"yes\"", 1, wrongType);
        Assert.Contains("must be true or false", wrongType.Message);
        Assert.Contains(errors, d => d.Code == ErrorCodes.Environments.NoTrainingEnvironment);
    }

    [Theory]
    [InlineData("Dataops")]
    [InlineData("data_ops")]
    [InlineData("dataops-")]
    [InlineData("1dataops")]
    [InlineData("local")]
    public void An_environment_name_that_is_not_lower_case_letters_digits_and_dashes_or_is_local_is_reported(string name)
    {
        var json = SampleFiles.Minimal.Replace("\"dataops\"", $"\"{name}\"");

        var diagnostic = Single(json, ErrorCodes.Environments.InvalidEnvironmentName);

        AssertAt(json, $"\"{name}\"", 1, diagnostic);
        Assert.Contains(name == "local" ? "built in" : "lower-case", diagnostic.Message);
    }

    [Fact]
    public void Each_missing_registry_is_reported_at_the_registries_key()
    {
        var json = SampleFiles.Minimal
            .Replace("\"images\": \"http://localhost:5055/components\",\n", "")
            .Replace(",\n        \"python\": \"http://127.0.0.1:5057/simple/\"", "");

        var errors = Errors(json);

        Assert.All(errors, d => Assert.Equal(ErrorCodes.Environments.MissingRegistry, d.Code));
        Assert.Equal(2, errors.Count);
        Assert.All(errors, d => AssertAt(json, "\"registries\"", 1, d));
        Assert.Contains(errors, d => d.Message.Contains("\"images\""));
        Assert.Contains(errors, d => d.Message.Contains("\"python\""));
    }

    [Fact]
    public void An_environment_without_registries_is_reported_at_its_name()
    {
        const string json = """
            {
              "environments": {
                "dataops": { "training": true }
              }
            }
            """;

        AssertAt(json, "\"dataops\"", 1, Single(json, ErrorCodes.Environments.MissingRegistry));
    }

    [Theory]
    [InlineData("\"pipelines\": \"http://127.0.0.1:5056/pipelines\"", "\"pipelines\": \"ftp://example.com/pipelines\"", "\"ftp://")]
    [InlineData("\"pipelines\": \"http://127.0.0.1:5056/pipelines\"", "\"pipelines\": \"example.com/pipelines\"", "\"example.com/pipelines\"")]
    [InlineData("\"python\": \"http://127.0.0.1:5057/simple/\"", "\"python\": \"/srv/simple\"", "\"/srv/simple\"")]
    [InlineData("\"images\": \"http://localhost:5055/components\"", "\"images\": \"https://europe-west4-docker.pkg.dev/acme/components\"", "\"https://")]
    [InlineData("\"images\": \"http://localhost:5055/components\"", "\"images\": \"components\"", "\"components\"")]
    [InlineData("\"images\": \"http://localhost:5055/components\"", "\"images\": \"localhost:5055/Components\"", "\"localhost:5055/Components\"")]
    [InlineData("\"images\": \"http://localhost:5055/components\"", "\"images\": \"localhost:5055/components:1.0\"", "\"localhost:5055/components:1.0\"")]
    public void A_bad_registry_address_is_reported_at_its_value(string original, string broken, string token)
    {
        var json = SampleFiles.Minimal.Replace(original, broken);

        var diagnostic = Single(json, ErrorCodes.Environments.InvalidRegistryAddress);

        AssertAt(json, token, 1, diagnostic);
    }

    [Fact]
    public void A_url_with_credentials_is_refused_without_echoing_the_password()
    {
        var json = SampleFiles.Minimal.Replace("http://127.0.0.1:5057/simple/", "https://deployer:s3cr3t-pa55@pypi.example.com/simple/");

        var error = Assert.Throws<EnvironmentsFileException>(() => EnvironmentsFile.Parse(json, SampleFiles.Path));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(ErrorCodes.Environments.InvalidRegistryAddress, diagnostic.Code);
        Assert.Contains("credentials", diagnostic.Message);
        Assert.DoesNotContain("s3cr3t-pa55", error.Message);
        Assert.DoesNotContain("s3cr3t-pa55", error.ToString());
        Assert.DoesNotContain("s3cr3t-pa55", diagnostic.ToString());
    }

    [Fact]
    public void PromotesFrom_an_unknown_environment_is_reported_with_the_closest_name()
    {
        var json = WithSecond("\"promotesFrom\": \"dataop\"");

        var diagnostic = Single(json, ErrorCodes.Environments.UnknownPromotesFrom);

        AssertAt(json, "\"dataop\"", 1, diagnostic);
        Assert.Contains("Did you mean 'dataops'?", diagnostic.Message);
    }

    [Fact]
    public void PromotesFrom_itself_is_reported()
    {
        var json = WithSecond("\"promotesFrom\": \"dev\"");

        var diagnostic = Single(json, ErrorCodes.Environments.UnknownPromotesFrom);

        AssertAt(json, "\"dev\"", 2, diagnostic);
        Assert.Contains("itself", diagnostic.Message);
    }

    [Fact]
    public void A_promotesFrom_cycle_is_reported_once_naming_the_cycle()
    {
        var json = $$"""
            {
              "environments": {
                "dataops": { "training": true, {{Registries}} },
                "dev": { "promotesFrom": "prod", {{Registries}} },
                "staging": { "promotesFrom": "dev", {{Registries}} },
                "prod": { "promotesFrom": "staging", {{Registries}} }
              }
            }
            """;

        var diagnostic = Single(json, ErrorCodes.Environments.PromotionCycle);

        Assert.Contains("dev → prod → staging → dev", diagnostic.Message);
        AssertAt(json, "\"prod\"", 1, diagnostic);
    }

    [Fact]
    public void No_training_environment_is_reported_at_the_environments_key()
    {
        var json = SampleFiles.Minimal.Replace("\"training\": true,", "");

        AssertAt(json, "\"environments\"", 1, Single(json, ErrorCodes.Environments.NoTrainingEnvironment));
    }

    [Fact]
    public void A_file_without_environments_has_no_training_environment()
    {
        Assert.Equal(new SourceLocation(SampleFiles.Path, 1, 1), Single("{}", ErrorCodes.Environments.NoTrainingEnvironment).Location);
    }

    [Fact]
    public void A_training_environment_that_promotes_is_reported_at_its_promotesFrom()
    {
        var json = WithSecond("\"training\": true, \"promotesFrom\": \"dataops\"");

        var diagnostic = Single(json, ErrorCodes.Environments.TrainingEnvironmentPromotes);

        AssertAt(json, "\"dataops\"", 2, diagnostic);
    }

    [Fact]
    public void A_runner_kind_other_than_vertex_or_kfp_is_reported_at_the_kind()
    {
        var json = WithRunner("\"kind\": \"airflow\"");

        AssertAt(json, "\"airflow\"", 1, Single(json, ErrorCodes.Environments.UnknownRunnerKind));
    }

    [Fact]
    public void A_vertex_runner_needs_the_environment_s_project_and_region()
    {
        var json = WithRunner("\"kind\": \"vertex\"");

        var diagnostic = Single(json, ErrorCodes.Environments.IncompleteRunner);

        AssertAt(json, "\"runner\"", 1, diagnostic);
        Assert.Contains("\"project\" and \"region\"", diagnostic.Message);
    }

    [Fact]
    public void A_kfp_runner_needs_an_endpoint_and_any_runner_a_kind()
    {
        var kfp = WithRunner("\"kind\": \"kfp\"");
        var noKind = WithRunner("\"endpoint\": \"http://127.0.0.1:8888\"");

        Assert.Contains("\"endpoint\"", Single(kfp, ErrorCodes.Environments.IncompleteRunner).Message);
        Assert.Contains("no \"kind\"", Single(noKind, ErrorCodes.Environments.IncompleteRunner).Message);
    }

    [Fact]
    public void A_vertex_pipeline_root_outside_cloud_storage_is_reported()
    {
        var json = WithRunner("\"kind\": \"vertex\", \"pipelineRoot\": \"s3://bucket/root\"", "\"project\": \"p\", \"region\": \"r\",");

        AssertAt(json, "\"s3://bucket/root\"", 1, Single(json, ErrorCodes.Environments.InvalidPipelineRoot));
    }

    [Theory]
    [InlineData("\"serviceAccount\": \"churn-runner\"", "\"churn-runner\"")]
    [InlineData("\"serviceAccount\": \"churn-runner@acme\"", "\"churn-runner@acme\"")]
    public void A_service_account_that_is_not_an_email_is_reported(string account, string token)
    {
        var json = WithRunner($"\"kind\": \"kfp\", \"endpoint\": \"http://127.0.0.1:8888\", {account}");

        AssertAt(json, token, 1, Single(json, ErrorCodes.Environments.InvalidServiceAccount));
    }

    [Fact]
    public void An_impersonated_account_that_is_not_an_email_is_reported()
    {
        var json = SampleFiles.Minimal.Replace("\"training\": true,", "\"training\": true, \"impersonate\": \"publisher\",");

        AssertAt(json, "\"publisher\"", 1, Single(json, ErrorCodes.Environments.InvalidServiceAccount));
    }

    [Fact]
    public void Every_problem_of_the_file_is_reported_at_once_in_file_order_of_the_checks()
    {
        var json = $$"""
            {
              "environment": {},
              "environments": {
                "Dev": { "promotesFrom": "nowhere", {{Registries}}, "runner": { "kind": "argo" } },
                "qa": { "registries": { "images": "https://x.example.com/c", "pipelines": "p", "python": "http://127.0.0.1/simple/" } }
              }
            }
            """;

        var errors = Errors(json);

        Assert.Equal(
            [
                ErrorCodes.Environments.UnknownKey,
                ErrorCodes.Environments.InvalidEnvironmentName,
                ErrorCodes.Environments.UnknownRunnerKind,
                ErrorCodes.Environments.InvalidRegistryAddress,
                ErrorCodes.Environments.InvalidRegistryAddress,
                ErrorCodes.Environments.NoTrainingEnvironment,
                ErrorCodes.Environments.UnknownPromotesFrom,
            ],
            errors.Select(d => d.Code));
        Assert.All(errors, d => Assert.Equal(SampleFiles.Path, d.Location!.File));
        var error = Assert.Throws<EnvironmentsFileException>(() => EnvironmentsFile.Parse(json, SampleFiles.Path));
        Assert.Equal(errors.Count, error.Message.Split(Environment.NewLine).Length);
    }

    private static string WithSecond(string keys) => $$"""
        {
          "environments": {
            "dataops": { "training": true, {{Registries}} },
            "dev": { {{keys}}, {{Registries}} }
          }
        }
        """;

    private static string WithRunner(string runner, string environmentKeys = "") => $$"""
        {
          "environments": {
            "dataops": { "training": true, {{environmentKeys}} {{Registries}},
              "runner": { {{runner}} } }
          }
        }
        """;

    private static List<Diagnostic> Errors(string json)
    {
        var error = Assert.Throws<EnvironmentsFileException>(() => EnvironmentsFile.Parse(json, SampleFiles.Path));
        return [.. error.Diagnostics];
    }

    private static Diagnostic Single(string json, string code)
    {
        var errors = Errors(json);
        Assert.True(errors.Count == 1, string.Join(Environment.NewLine, errors));
        Assert.Equal(code, errors[0].Code);
        return errors[0];
    }

    private static void AssertAt(string json, string token, int occurrence, Diagnostic diagnostic)
    {
        var (line, column) = SampleFiles.PositionOf(json, token, occurrence);
        Assert.Equal(new SourceLocation(SampleFiles.Path, line, column), diagnostic.Location);
    }
}
