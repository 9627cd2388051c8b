using Mlops.Pipelines.Ir;
using Mlops.Pipelines.Yaml;
using static Mlops.Pipelines.Tests.BadInput.HostileYaml;

namespace Mlops.Pipelines.Tests.BadInput;

/// <summary>
/// The bad-input corpus of IR files (issue 11, items 2 and 8): hostile, huge, malformed, truncated, mistyped IR, names
/// that dangle and tasks that wait for each other. Each row is one case: its text, the code, the instruction the
/// message must hold, and the line (0: the file itself). None may crash, hang or show a stack trace.
/// </summary>
public sealed class IrBadInputTests
{
    private const string File = "bad.yaml";

    public static TheoryData<string, string, string, string, int> Cases()
    {
        var data = new TheoryData<string, string, string, string, int>();
        void Add(string name, string text, string code, string instruction, int line) => data.Add(name, text, code, instruction, line);

        // Aliases: a node that contains itself, expansions that grow without bound.
        Add("self-referencing alias (13 bytes)", "a: &a [*a]\n", ErrorCodes.Pipelines.RecursiveYamlAlias, "write the content out instead of the alias", 1);
        Add("self-referencing alias in a mapping", "pipelineInfo: {name: x}\nroot: &r\n  dag: *r\n", ErrorCodes.Pipelines.RecursiveYamlAlias, "write the content out", 3);
        Add("alias nested two deep inside its anchor", "root: &r\n  dag:\n    tasks: [*r]\n", ErrorCodes.Pipelines.RecursiveYamlAlias, "instead of the alias", 3);
        Add("alias bomb, 9 levels of 9", AliasBomb(9, 9), ErrorCodes.Pipelines.YamlAliasExpansion, "write the repeated content out once per use", 5);
        Add("billion laughs, 10 levels of 10", AliasBomb(10, 10, "pipelineInfo: {name: lol}"), ErrorCodes.Pipelines.YamlAliasExpansion, "use fewer aliases", 5);
        Add("alias bomb in an IR field", AliasBomb(6, 12, "schemaVersion: 2.1.0"), ErrorCodes.Pipelines.YamlAliasExpansion, "use fewer aliases", 5);
        Add("alias of an undefined anchor", "pipelineInfo: {name: x}\nroot: *missing\n", ErrorCodes.Pipelines.InvalidYaml, "Fix the YAML syntax", 2);

        // Nesting: flow, block mappings, block sequences, and through an alias.
        Add("200 levels of flow lists", DeepFlow(200), ErrorCodes.Pipelines.YamlTooDeep, "flatten the structure", 2);
        Add("65 levels of flow lists", DeepFlow(65), ErrorCodes.Pipelines.YamlTooDeep, "flatten the structure", 2);
        Add("200 levels of block mappings", DeepBlockMapping(200), ErrorCodes.Pipelines.YamlTooDeep, "flatten the structure", 67);
        Add("100000 levels of block sequences on one line", DeepBlockSequence(100_000), ErrorCodes.Pipelines.YamlTooDeep, "flatten the structure", 2);
        Add("an alias that nests a deep anchor deeper",
            "a: &deep " + new string('[', 40) + new string(']', 40) + "\nb: " + new string('[', 30) + "*deep" + new string(']', 30) + "\n",
            ErrorCodes.Pipelines.YamlTooDeep, "flatten the structure", 2);

        // Size.
        Add("a 32 MiB document", Huge(), ErrorCodes.Pipelines.YamlTooLarge, "split the pipeline into sub-pipelines", 0);

        // Malformed and truncated.
        var valid = IrText();
        Add("truncated inside a flow mapping", valid[..valid.IndexOf("parameterType: STRING}", StringComparison.Ordinal)], ErrorCodes.Pipelines.InvalidYaml, "Fix the YAML syntax", 0);
        Add("truncated after the components", valid[..valid.IndexOf("deploymentSpec:", StringComparison.Ordinal)], ErrorCodes.Pipelines.NotAnIrDocument, "Use a file compiled by KFP SDK 2.x", 0);
        Add("truncated inside a quoted string", "pipelineInfo:\n  name: \"churn\nroot: {}\n", ErrorCodes.Pipelines.InvalidYaml, "Fix the YAML syntax", 0);
        Add("a duplicate key", valid.Replace("sdkVersion: kfp-2.7.0", "sdkVersion: kfp-2.7.0\nsdkVersion: again"), ErrorCodes.Pipelines.InvalidYaml, "Fix the YAML syntax", LineOf(valid, "sdkVersion: kfp-2.7.0") + 1);
        Add("a list as a mapping key", "? [a, b]\n: c\n", ErrorCodes.Pipelines.InvalidYaml, "Fix the YAML syntax", 1);
        Add("an empty file", "", ErrorCodes.Pipelines.NotAnIrDocument, "Use a file compiled by KFP SDK 2.x", 0);
        Add("three documents", "a: 1\n---\nb: 2\n---\nc: 3\n", ErrorCodes.Pipelines.NotAnIrDocument, "at most one PlatformSpec", 0);

        // Wrong types.
        Add("pipelineInfo.name is a list", valid.Replace("name: two-tasks", "name: [two, tasks]"), ErrorCodes.Pipelines.NotAnIrDocument, "the value at $.pipelineInfo.name is a list, but it must be a string", 0);
        Add("root is a number", "pipelineInfo: {name: x}\nroot: 5\nschemaVersion: 2.1.0\n", ErrorCodes.Pipelines.NotAnIrDocument, "Use a file compiled by KFP SDK 2.x", 0);
        Add("executors is a list", valid.Replace("  executors:\n", "  executors: [exec-a]\n  other:\n"), ErrorCodes.Pipelines.NotAnIrDocument, "but it must be a mapping", 0);
        Add("dependentTasks is a string", IrText(a: "        dependentTasks: b"), ErrorCodes.Pipelines.NotAnIrDocument, "$.root.dag.tasks.a.dependentTasks is a string, but it must be a list", 0);
        Add("schemaVersion is a number", valid.Replace("schemaVersion: 2.1.0", "schemaVersion: 2.1"), ErrorCodes.Pipelines.NotAnIrDocument, "the value at $.schemaVersion is a number, but it must be a string", 0);

        // Dangling references.
        var dangling = IrText(b: "        dependentTasks: [c]");
        Add("dependentTasks names no task", dangling, ErrorCodes.Pipelines.IrDanglingReference, "correct the name", LineOf(dangling, "b:"));
        var missingProducer = IrText(b: "        inputs:\n          parameters:\n            x:\n              taskOutputParameter: {producerTask: gone, outputParameterKey: out}");
        Add("an input from a task that does not exist", missingProducer, ErrorCodes.Pipelines.IrDanglingReference, "correct the name", LineOf(missingProducer, "b:"));
        var missingComponent = valid.Replace("name: comp-b", "name: comp-c");
        Add("componentRef names no component", missingComponent, ErrorCodes.Pipelines.IrDanglingReference, "correct the name", LineOf(missingComponent, "b:"));
        var missingExecutor = IrText(executors: "    exec-a:\n      container:\n        image: python:3.11");
        Add("executorLabel names no executor", missingExecutor, ErrorCodes.Pipelines.IrDanglingReference, "correct the name", LineOf(missingExecutor, "comp-b:"));
        var noExecutors = IrText(executors: "    {}").Replace("  executors:\n    {}", "  executors: {}");
        Add("a file with no executors", noExecutors, ErrorCodes.Pipelines.IrDanglingReference, "correct the name", LineOf(noExecutors, "comp-a:"));
        var neither = IrText(extra: "  comp-empty:\n    inputDefinitions: {}");
        Add("a component with neither executor nor dag", neither, ErrorCodes.Pipelines.IrDanglingReference, "cannot run", LineOf(neither, "comp-empty:"));
        var output = IrText().Replace("root:\n  dag:\n", "root:\n  dag:\n    outputs:\n      parameters:\n        result:\n          valueFromParameter: {producerSubtask: nobody, outputParameterKey: out}\n");
        Add("a DAG output from a task that does not exist", output, ErrorCodes.Pipelines.IrDanglingReference, "correct the name", LineOf(output, "outputs:"));

        // Cycles: a local run of these would wait forever, KFP refuses them.
        var twoTasks = IrText(a: "        dependentTasks: [b]", b: "        dependentTasks: [a]");
        Add("two tasks that depend on each other", twoTasks, ErrorCodes.Pipelines.IrDependencyCycle, "Remove one of these dependencies", LineOf(twoTasks, "a:"));
        var self = IrText(a: "        dependentTasks: [a]");
        Add("a task that depends on itself", self, ErrorCodes.Pipelines.IrDependencyCycle, "Remove one of these dependencies", LineOf(self, "a:"));
        var throughData = IrText(a: "        dependentTasks: [b]", b: "        inputs:\n          parameters:\n            x:\n              taskOutputParameter: {producerTask: a, outputParameterKey: out}");
        Add("a cycle through a task output", throughData, ErrorCodes.Pipelines.IrDependencyCycle, "'a' -> 'b' -> 'a'", LineOf(throughData, "a:"));
        var nested = IrText(extra: "  comp-group:\n    dag:\n      tasks:\n        x:\n          componentRef: {name: comp-a}\n          dependentTasks: [y]\n          taskInfo: {name: x}\n        y:\n          componentRef: {name: comp-a}\n          dependentTasks: [x]\n          taskInfo: {name: y}");
        Add("a cycle inside a sub-DAG", nested, ErrorCodes.Pipelines.IrDependencyCycle, "the DAG of component 'comp-group'", LineOf(nested, "x:"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_IR_file_is_one_coded_error_that_says_what_to_change(string name, string text, string code, string instruction, int line)
    {
        Assert.NotEmpty(name);
        BadInputAssert.Rejected(() => IrFile.Parse(text, File), code, instruction, File, line);
        // As a component (KfpComponent.Parse reads the documents itself first) and as UTF-8 bytes (restore, embedded IR).
        BadInputAssert.Rejected(() => KfpComponent.Parse(text, File), code, instruction, File, line);
        BadInputAssert.Rejected(() => IrFile.Parse(System.Text.Encoding.UTF8.GetBytes(text), File), code, instruction, File, line);
    }

    [Fact]
    public void The_two_task_IR_the_rows_mutate_is_valid()
    {
        Assert.Equal(["a", "b"], IrFile.Parse(IrText(), File).Spec.Root.Dag!.Tasks!.Keys.Order());
        Assert.Equal(["b"], IrFile.Parse(IrText(a: "        dependentTasks: [b]"), File).Spec.Root.Dag!.Tasks!["a"].DependentTasks);
    }

    [Fact]
    public void Nesting_up_to_the_limit_and_a_few_aliases_are_read()
    {
        Assert.Equal(ErrorCodes.Pipelines.NotAnIrDocument, Assert.Single(Assert.Throws<Diagnostics.PipelineException>(() => IrFile.Parse(DeepFlow(63), File)).Diagnostics).Code);
        var documents = YamlJsonReader.ReadDocuments("base: &b {image: python:3.11}\none: *b\ntwo: *b\n");
        Assert.Equal("python:3.11", documents[0]!["two"]!["image"]!.GetValue<string>());
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_refused_before_it_is_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mlops-huge-{Guid.NewGuid():N}.yaml");
        using (var stream = System.IO.File.Create(path))
        {
            stream.SetLength(YamlLimits.MaxDocumentBytes + 1); // sparse: nothing is written
        }
        try
        {
            BadInputAssert.Rejected(() => IrFile.Load(path), ErrorCodes.Pipelines.YamlTooLarge, "move large constants out of the file", path, 0);
            BadInputAssert.Rejected(() => KfpComponent.Load(path), ErrorCodes.Pipelines.YamlTooLarge, "split the pipeline", path, 0);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
