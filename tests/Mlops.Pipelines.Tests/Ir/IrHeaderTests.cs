using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Ir;
using Mlops.Pipelines.Tests.Samples;

namespace Mlops.Pipelines.Tests.Ir;

public sealed class IrHeaderTests
{
    [Pipeline("multi-line-default")]
    public sealed class MultiLineDefault : Pipeline
    {
        public Input<string> Query { get; init; } = "select *\nfrom 'crm'.customers\twhere x = \"y\"";

        protected override void Build() => Run(new Echo { Message = Query });
    }

    [Fact]
    public void A_default_with_line_breaks_and_quotes_is_printed_as_python_would_and_the_file_loads_back()
    {
        var yaml = PipelineCompiler.Compile(new MultiLineDefault()).EnsureSuccess().ToYaml();

        Assert.Contains("#    query: str [Default: 'select *\\nfrom \\'crm\\'.customers\\twhere x = \"y\"']\n", yaml);
        var loaded = IrFile.Parse(yaml, "multi-line-default.yaml");
        Assert.Equal("select *\nfrom 'crm'.customers\twhere x = \"y\"", loaded.Spec.Root.InputDefinitions!.Parameters!["query"].DefaultValue!.GetValue<string>());
    }
}
