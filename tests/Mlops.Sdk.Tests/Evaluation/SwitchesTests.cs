namespace Mlops.Sdk.Tests.Evaluation;

/// <summary>
/// build/Mlops.Switches.props: Environment and ModelFrom are chosen on purpose. MSBuild makes every environment
/// variable a property, so a value that came only from the process environment is dropped (and remembered for the
/// error); a global property (-p:) or the project's own value stays.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class SwitchesTests
{
    [Theory]
    [InlineData("ENVIRONMENT", "Environment", "_MlopsEnvironmentFromVariable", "")]
    [InlineData("MODELFROM", "ModelFrom", "_MlopsModelFromFromVariable", "latest")]
    public void A_value_from_an_environment_variable_alone_is_dropped_and_remembered(string variable, string property, string remembered, string evaluatedDefault)
    {
        using var _ = new EnvironmentVariableScope(variable, "prod");
        using var project = new SdkProject();

        var evaluated = project.Evaluate();

        Assert.Equal(evaluatedDefault, evaluated.GetPropertyValue(property));
        Assert.Equal("prod", evaluated.GetPropertyValue(remembered));
    }

    [Theory]
    [InlineData("ENVIRONMENT", "Environment", "_MlopsEnvironmentFromVariable")]
    [InlineData("MODELFROM", "ModelFrom", "_MlopsModelFromFromVariable")]
    public void A_global_property_stays_even_when_a_variable_has_the_same_value(string variable, string property, string remembered)
    {
        using var _ = new EnvironmentVariableScope(variable, "prod");
        using var project = new SdkProject();

        var evaluated = project.Evaluate(new Dictionary<string, string> { [property] = "prod" });

        Assert.Equal("prod", evaluated.GetPropertyValue(property));
        Assert.Equal("", evaluated.GetPropertyValue(remembered));
    }

    [Theory]
    [InlineData("ENVIRONMENT", "Environment", "_MlopsEnvironmentFromVariable")]
    [InlineData("MODELFROM", "ModelFrom", "_MlopsModelFromFromVariable")]
    public void A_project_s_own_value_stays_whatever_the_variable_says(string variable, string property, string remembered)
    {
        using var _ = new EnvironmentVariableScope(variable, "prod");
        using var project = new SdkProject($"""
              <PropertyGroup>
                <{property}>staging</{property}>
              </PropertyGroup>
            """);

        var evaluated = project.Evaluate();

        Assert.Equal("staging", evaluated.GetPropertyValue(property));
        Assert.Equal("", evaluated.GetPropertyValue(remembered));
    }

    [Fact]
    public void Publish_refuses_an_environment_that_only_a_variable_names()
    {
        using var _ = new EnvironmentVariableScope("ENVIRONMENT", "prod");
        using var project = new SdkProject();

        Assert.Equal(["MLOPS0031"], SdkProject.ErrorsOfTargets(project.Evaluate(), "_MlopsCheckPublishSwitches"));
    }

    [Fact]
    public void Publish_takes_the_switches_a_project_sets_though_variables_say_otherwise()
    {
        using var environment = new EnvironmentVariableScope("ENVIRONMENT", "prod");
        using var modelFrom = new EnvironmentVariableScope("ModelFrom", "latest");
        using var project = new SdkProject("""
              <PropertyGroup>
                <Environment>local</Environment>
                <ModelFrom>model.pkl</ModelFrom>
              </PropertyGroup>
            """);

        Assert.Empty(SdkProject.ErrorsOfTargets(project.Evaluate(), "_MlopsCheckPublishSwitches"));
    }
}
