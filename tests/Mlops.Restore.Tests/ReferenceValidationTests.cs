using Mlops.Diagnostics;
using Mlops.Restore.Tests.Support;

namespace Mlops.Restore.Tests;

/// <summary>Every mistake in the SubPipelineReference items is reported at once, on the project, before any registry is asked.</summary>
public sealed class ReferenceValidationTests
{
    [Theory]
    [InlineData("Churn Prediction", "1.0.0", null, ErrorCodes.Restore.InvalidReferenceName, "does not name a pipeline package")]
    [InlineData("churn-prediction", null, null, ErrorCodes.Restore.InvalidVersionRange, "has no Version")]
    [InlineData("churn-prediction", "1.4.x", null, ErrorCodes.Restore.InvalidVersionRange, "Version '1.4.x', which is not a NuGet version range")]
    [InlineData("churn-prediction", "1.0.0", "Churn-Prediction", ErrorCodes.Restore.InvalidAlias, "Alias 'Churn-Prediction', which is not a C# type name")]
    [InlineData("churn-prediction", "1.0.0", "class", ErrorCodes.Restore.InvalidAlias, "not a C# type name")]
    public async Task An_invalid_reference_is_a_coded_error_on_the_project(string name, string? version, string? alias, string code, string message)
    {
        using var registry = new TestRegistry();

        var result = await registry.RestoreAsync(new SubPipelineReference(name, version, Alias: alias));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Contains(message, diagnostic.Message);
        Assert.Equal(registry.ProjectPath, diagnostic.Location!.File);
        Assert.Equal(0, registry.Opened);
        Assert.False(File.Exists(registry.LockPath));
    }

    [Fact]
    public async Task Two_references_to_one_package_or_one_type_name_are_refused()
    {
        using var registry = new TestRegistry();

        var result = await registry.RestoreAsync(
            new SubPipelineReference("churn-prediction", "1.0.0"),
            new SubPipelineReference("churn-prediction", "2.0.0"),
            new SubPipelineReference("fraud", "1.0.0", Alias: "Scoring"),
            new SubPipelineReference("scoring", "1.0.0"));

        Assert.Equal([ErrorCodes.Restore.DuplicateReference, ErrorCodes.Restore.DuplicateReference], result.Diagnostics.Select(d => d.Code));
        Assert.Contains("There are 2 SubPipelineReference items for 'churn-prediction'", result.Diagnostics[0].Message);
        Assert.Contains("'fraud' and 'scoring' would all generate the type Scoring", result.Diagnostics[1].Message);
    }

    [Fact]
    public async Task A_registry_url_that_is_not_a_KFP_repository_is_refused_and_a_missing_folder_is_reported_when_it_is_needed()
    {
        using var registry = new TestRegistry();

        var url = await registry.RestoreAsync(new SubPipelineReference("churn-prediction", "1.0.0", Registry: "ftp://europe-kfp.pkg.dev/p/r"));
        var missing = await registry.RestoreAsync(new SubPipelineReference("churn-prediction", "1.0.0", Registry: "../no-such-registries"));

        Assert.Equal(ErrorCodes.Restore.InvalidRegistry, Assert.Single(url.Diagnostics).Code);
        var diagnostic = Assert.Single(missing.Diagnostics);
        Assert.Equal(ErrorCodes.Restore.InvalidRegistry, diagnostic.Code);
        Assert.Contains("no-such-registries', which does not exist", diagnostic.Message);
    }

    [Fact]
    public async Task A_namespace_that_is_not_CSharp_is_refused()
    {
        using var registry = new TestRegistry();
        var result = await SubPipelineRestorer.RestoreAsync(registry.Request(new SubPipelineReference("churn-prediction", "1.0.0")) with { Namespace = "My-Aggregator.SubPipelines" });

        Assert.Equal(ErrorCodes.Restore.InvalidNamespace, Assert.Single(result.Diagnostics).Code);
    }

    [Theory]
    [InlineData("churn-prediction", "ChurnPrediction")]
    [InlineData("churn.v2", "ChurnV2")]
    [InlineData("min_f1", "MinF1")]
    [InlineData("3d-model", "_3dModel")]
    [InlineData("pipelinechannel--train-model", "PipelinechannelTrainModel")]
    public void Type_and_property_names_are_the_PascalCase_of_KFP_names(string name, string expected) =>
        Assert.Equal(expected, CSharpNames.PascalCase(name));
}
