using Mlops.Pipelines;

namespace Mlops.Pipelines.Tests.Samples;

/// <summary>A KFP component YAML (the <c>implementation: container:</c> format) wired into a C# pipeline.</summary>
[Pipeline("component-yaml")]
public sealed class ComponentYamlPipeline : Pipeline
{
    public const string DownloadYaml = """
        name: Download data
        description: Downloads a table to a file.
        inputs:
        - {name: Table name, type: String}
        - {name: Limit, type: Integer, default: '100', optional: true}
        - {name: Verbose, type: Boolean, optional: true}
        outputs:
        - {name: Data, type: Dataset}
        - {name: Row count, type: Integer}
        implementation:
          container:
            image: python:3.11
            command:
            - python3
            - -m
            - download
            - --table
            - {inputValue: Table name}
            - --limit
            - {inputValue: Limit}
            - if:
                cond: {isPresent: Verbose}
                then: [--verbose, {inputValue: Verbose}]
            - --out
            - {outputPath: Data}
            - {concat: [--rows=, {outputPath: Row count}]}
        """;

    protected override void Build()
    {
        var download = KfpComponent.Parse(DownloadYaml, "download.yaml");
        var data = Run(download, new Dictionary<string, ValueRef> { ["table_name"] = "crm.customers" });
        Run(new Train { Data = data.Output("data") });
        If(data.Output("row_count") > 0L, () => Run(new Echo { Message = "rows" }));
    }
}
