using Mlops.Diagnostics;
using Mlops.Pipelines.Ir;
using Mlops.Runner.Execution;

namespace Mlops.Runner.Tests.BadInput;

/// <summary>
/// Run parameters of the wrong type, unknown or missing (issue 11, item 9): each is one coded error naming the
/// parameter and what it takes, never a stack trace (NaN and 1e999 used to print one).
/// </summary>
public sealed class RootParametersBadInputTests
{
    private static readonly PipelineSpec Spec = IrFile.Parse("""
        pipelineInfo: {name: churn}
        schemaVersion: 2.1.0
        components: {comp-score: {executorLabel: exec-score}}
        deploymentSpec: {executors: {exec-score: {container: {image: 'python:3.11'}}}}
        root:
          inputDefinitions:
            parameters:
              epochs: {parameterType: NUMBER_INTEGER, defaultValue: 5}
              rate: {parameterType: NUMBER_DOUBLE, defaultValue: 0.1}
              shuffle: {parameterType: BOOLEAN, defaultValue: true}
              shards: {parameterType: LIST, defaultValue: []}
              config: {parameterType: STRUCT, defaultValue: {}}
              table: {parameterType: STRING}
          dag: {tasks: {score: {componentRef: {name: comp-score}, taskInfo: {name: score}}}}
        """, "churn.yaml").Spec;

    public static TheoryData<string, string, string, string> Cases() => new()
    {
        { "rate", "NaN", ErrorCodes.Host.ParameterTypeMismatch, "takes a finite number (NUMBER_DOUBLE); 'NaN' is not one" },
        { "rate", "1e999", ErrorCodes.Host.ParameterTypeMismatch, "takes a finite number (NUMBER_DOUBLE); '1e999' is not one" },
        { "rate", "-1e999", ErrorCodes.Host.ParameterTypeMismatch, "'-1e999' is not one" },
        { "rate", "Infinity", ErrorCodes.Host.ParameterTypeMismatch, "'Infinity' is not one" },
        { "rate", "", ErrorCodes.Host.ParameterTypeMismatch, "takes a finite number" },
        { "rate", "0,1", ErrorCodes.Host.ParameterTypeMismatch, "'0,1' is not one" },
        { "epochs", "1,000", ErrorCodes.Host.ParameterTypeMismatch, "takes a whole number" },
        { "epochs", "2.5", ErrorCodes.Host.ParameterTypeMismatch, "takes a whole number (NUMBER_INTEGER); '2.5' is not one" },
        { "epochs", "ten", ErrorCodes.Host.ParameterTypeMismatch, "takes a whole number" },
        { "epochs", "99999999999999999999999", ErrorCodes.Host.ParameterTypeMismatch, "takes a whole number" },
        { "epochs", "1e999", ErrorCodes.Host.ParameterTypeMismatch, "takes a whole number" },
        { "shuffle", "yes", ErrorCodes.Host.ParameterTypeMismatch, "takes a true or false (BOOLEAN); 'yes' is not one" },
        { "shuffle", "1", ErrorCodes.Host.ParameterTypeMismatch, "takes a true or false" },
        { "shards", "[1, 2", ErrorCodes.Host.ParameterTypeMismatch, "takes a JSON list (LIST); '[1, 2' is not one" },
        { "shards", "{\"a\": 1}", ErrorCodes.Host.ParameterTypeMismatch, "takes a JSON list" },
        { "shards", "[NaN]", ErrorCodes.Host.ParameterTypeMismatch, "takes a JSON list" },
        { "config", "[1]", ErrorCodes.Host.ParameterTypeMismatch, "takes a JSON object (STRUCT); '[1]' is not one" },
        { "config", "{'a': 1}", ErrorCodes.Host.ParameterTypeMismatch, "takes a JSON object" },
        { "config", "{\"a\": 1", ErrorCodes.Host.ParameterTypeMismatch, "takes a JSON object" },
        { "tabel", "sales", ErrorCodes.Host.UnknownParameter, "has no parameter 'tabel'; its parameters are" },
        { "", "x", ErrorCodes.Host.UnknownParameter, "has no parameter ''" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_run_parameter_is_one_coded_error_naming_it(string name, string value, string code, string says)
    {
        var given = new Dictionary<string, string> { [name] = value, ["table"] = "sales" };

        var error = Assert.Throws<RunRequestException>(() => RootParameters.Bind(Spec, given));

        Assert.Equal(code, error.Code);
        Assert.Contains(says, error.Message);
        Assert.DoesNotContain("   at ", error.Message);
        Assert.DoesNotMatch(@"\b[A-Z]\w*(Exception|Error)\b|System\.", error.Message);
    }

    [Fact]
    public void A_missing_required_parameter_is_MLOPS2003_saying_how_to_pass_it()
    {
        var error = Assert.Throws<RunRequestException>(() => RootParameters.Bind(Spec, new Dictionary<string, string>()));

        Assert.Equal(ErrorCodes.Host.MissingParameter, error.Code);
        Assert.Contains("needs parameter 'table' (String); pass it as --param table=VALUE", error.Message);
    }

    [Fact]
    public void Well_typed_parameters_bind()
    {
        var values = RootParameters.Bind(Spec, new Dictionary<string, string>
        {
            ["table"] = "sales", ["rate"] = "1e-3", ["epochs"] = "7", ["shuffle"] = "false", ["shards"] = "[\"a\"]", ["config"] = "{\"k\": 1}",
        });

        Assert.Equal(6, values.Count);
        Assert.Equal(7, values["epochs"]!.GetValue<double>());
    }
}
