using System.Collections;
using Mlops.Pipelines.Hosting;
using Mlops.Pipelines.Tests.Samples;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>MLOPS1095: a secret read in Build() is compiled into the IR, which is published; emit warns, naming the variable, never the value.</summary>
public sealed class SecretsInIrTests
{
    [Pipeline("leaky")]
    public sealed class Leaky : Pipeline
    {
        public static string Token { get; set; } = "";

        protected override void Build() => Run(new Echo { Message = Token });
    }

    private static string Yaml(string message)
    {
        Leaky.Token = message;
        return DiagnosticAssert.Clean(new Leaky()).ToYaml();
    }

    [Fact]
    public void The_value_of_a_secret_named_variable_in_the_ir_is_a_warning_naming_the_variable_not_the_value()
    {
        var environment = new Hashtable { ["WAREHOUSE_PASSWORD"] = "correct-horse-battery", ["HOME"] = "/home/dev", ["SHORT_TOKEN"] = "abc" };

        var found = SecretsInIr.Find("leaky", Yaml("correct-horse-battery /home/dev abc"), environment);

        var warning = Assert.Single(found);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(ErrorCodes.Pipelines.SecretInIr, warning.Code);
        Assert.Contains("WAREHOUSE_PASSWORD", warning.Message);
        Assert.Contains("Pass it when the pipeline runs", warning.Message);
        Assert.DoesNotContain("correct-horse-battery", warning.Message);
    }

    [Theory]
    [InlineData("ya29.a0AfB_byC9xQ1234567890abcdefghij", "Google OAuth access token")]
    [InlineData("ghp_0123456789abcdefghijABCDEFGHIJ012345", "GitHub token")]
    [InlineData("AKIAIOSFODNN7EXAMPLE", "AWS access key id")]
    [InlineData("-----BEGIN PRIVATE KEY-----", "private key")]
    public void Text_shaped_like_a_credential_is_a_warning_naming_its_kind(string secret, string kind)
    {
        var warning = Assert.Single(SecretsInIr.Find("leaky", Yaml(secret), new Hashtable()));

        Assert.Contains(kind, warning.Message);
        Assert.DoesNotContain(secret, warning.Message);
    }

    [Fact]
    public void An_ir_without_secrets_gives_nothing()
    {
        Assert.Empty(SecretsInIr.Find("leaky", Yaml("hello"), new Hashtable { ["API_KEY"] = "not-in-the-ir-at-all" }));
    }
}
