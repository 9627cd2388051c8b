namespace Mlops.Pipelines.Tests.BadInput;

/// <summary>
/// The bad-input corpus of KFP component YAML (<c>implementation: container:</c>): values of the wrong type, hostile
/// YAML. Each is one coded error on the file, never an internal error blamed on the pipeline's Build().
/// </summary>
public sealed class ComponentYamlBadInputTests
{
    private const string File = "component.yaml";

    private static string Component(string name = "name: score", string implementation = "implementation:\n  container:\n    image: python:3.11\n    command: [python, score.py]",
        string inputs = "inputs:\n- {name: data, type: String}") => $"{name}\n{inputs}\n{implementation}\n";

    public static TheoryData<string, string, string, string> Cases() => new()
    {
        { "name is a list", Component(name: "name: [score]"), ErrorCodes.Pipelines.NotAComponent, "'name' is a list, but it must be a string; quote the value" },
        { "name is a number", Component(name: "name: 42"), ErrorCodes.Pipelines.NotAComponent, "'name' is the number 42, but it must be a string" },
        { "implementation is a list", Component(implementation: "implementation: [container]"), ErrorCodes.Pipelines.NotAComponent, "write it as 'key: value' lines indented under 'implementation:'" },
        { "container is a string", Component(implementation: "implementation:\n  container: python:3.11"), ErrorCodes.Pipelines.NotAComponent, "'implementation.container' is a string, but it must be a mapping" },
        { "image is a mapping", Component(implementation: "implementation:\n  container:\n    image: {name: python}"), ErrorCodes.Pipelines.NotAComponent, "'image' is a mapping, but it must be a string" },
        { "optional is not a boolean", Component(inputs: "inputs:\n- {name: data, type: String, optional: maybe}"), ErrorCodes.Pipelines.NotAComponent, "write 'optional: true' or 'optional: false'" },
        { "a list default that is not JSON", Component(inputs: "inputs:\n- {name: cols, type: JsonArray, default: '[a, b'}"), ErrorCodes.Pipelines.NotAComponent, "write it as JSON" },
        { "a placeholder naming a list", Component(implementation: "implementation:\n  container:\n    image: python:3.11\n    args: [{inputValue: [data]}]"), ErrorCodes.Pipelines.NotAComponent, "'inputValue' is a list, but it must be a string" },
        { "if without a mapping", Component(implementation: "implementation:\n  container:\n    image: python:3.11\n    args: [{if: yes}]"), ErrorCodes.Pipelines.NotAComponent, "'if' is the boolean true, but it must be a mapping" },
        { "an env name with a dash", Component(implementation: "implementation:\n  container:\n    image: python:3.11\n    env: {LOG-LEVEL: debug}"), ErrorCodes.Pipelines.InvalidEnvironmentVariableName, "use letters, digits and _ only, not starting with a digit (e.g. LOG_LEVEL)" },
        { "an env name that starts with a digit", Component(implementation: "implementation:\n  container:\n    image: python:3.11\n    env: {'2FA': on}"), ErrorCodes.Pipelines.InvalidEnvironmentVariableName, "not starting with a digit" },
        { "an empty env name", Component(implementation: "implementation:\n  container:\n    image: python:3.11\n    env: {'': x}"), ErrorCodes.Pipelines.InvalidEnvironmentVariableName, "an environment variable has an empty name" },
        { "env is a list", Component(implementation: "implementation:\n  container:\n    image: python:3.11\n    env: [LOG_LEVEL=debug]"), ErrorCodes.Pipelines.NotAComponent, "'env' is a list, but it must be a mapping" },
        { "an env value that is a mapping", Component(implementation: "implementation:\n  container:\n    image: python:3.11\n    env: {LOG_LEVEL: {level: debug}}"), ErrorCodes.Pipelines.NotAComponent, "'env.LOG_LEVEL' is a mapping, but an environment variable's value is one string" },
        { "a self-referencing alias", "name: score\nimplementation: &i\n  container: *i\n", ErrorCodes.Pipelines.RecursiveYamlAlias, "write the content out instead of the alias" },
        { "an alias bomb in the command line", HostileYaml.AliasBomb(8, 9, "name: score\nimplementation: {container: {image: python:3.11}}"), ErrorCodes.Pipelines.YamlAliasExpansion, "use fewer aliases" },
        { "nesting 100 deep in the args", Component(implementation: "implementation:\n  container:\n    image: python:3.11\n    args: " + new string('[', 100) + new string(']', 100)), ErrorCodes.Pipelines.YamlTooDeep, "flatten the structure" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_component_file_is_one_coded_error_that_says_what_to_change(string name, string yaml, string code, string instruction)
    {
        Assert.NotEmpty(name);
        BadInputAssert.Rejected(() => KfpComponent.Parse(yaml, File), code, instruction, File, 0);
    }

    [Fact]
    public void The_component_the_rows_mutate_is_valid()
    {
        Assert.Equal("score", KfpComponent.Parse(Component(), File).Name);
    }
}
