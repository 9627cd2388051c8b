namespace Mlops.Packaging.Tests;

public sealed class PythonNamesTests
{
    [Theory]
    [InlineData("churn-model", "churn_model")]
    [InlineData("Churn.Model", "churn_model")]
    [InlineData("churn__-.model", "churn_model")]
    [InlineData("a", "a")]
    public void Distribution_names_are_spelled_for_file_names_with_underscores(string name, string expected)
    {
        PythonDistributionName.Validate(name);
        Assert.Equal(expected, PythonDistributionName.ForFileName(name));
    }

    [Theory]
    [InlineData("-churn")]
    [InlineData("churn-")]
    [InlineData("churn model")]
    [InlineData("churn/model")]
    [InlineData("")]
    public void Invalid_distribution_names_fail_with_MLOPS3101(string name)
    {
        Assert.Equal("MLOPS3101", Assert.Throws<PackagingException>(() => PythonDistributionName.Validate(name)).Code);
    }

    [Theory]
    [InlineData("1churn")]
    [InlineData("import")]
    [InlineData("churn-model")]
    [InlineData("churn.model")]
    public void Invalid_import_names_fail_with_MLOPS3103(string name)
    {
        Assert.Equal("MLOPS3103", Assert.Throws<PackagingException>(() => PythonImportName.Validate(name)).Code);
    }

    [Fact]
    public void The_default_import_name_is_the_distribution_name_with_underscores()
    {
        Assert.Equal("churn_model", PythonImportName.FromDistributionName("Churn-Model"));
    }
}
