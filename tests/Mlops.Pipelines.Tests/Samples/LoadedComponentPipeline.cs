using Mlops.Pipelines;

namespace Mlops.Pipelines.Tests.Samples;

/// <summary>A component compiled elsewhere (KFP component IR), wired with typed C# components.</summary>
[Pipeline("loaded-component")]
public sealed class LoadedComponentPipeline : Pipeline
{
    public const string AddNumbersYaml = """
        # PIPELINE DEFINITION
        # Name: add-numbers
        components:
          comp-add-numbers:
            executorLabel: exec-add-numbers
            inputDefinitions:
              parameters:
                a: {parameterType: NUMBER_INTEGER}
                b: {defaultValue: 1.0, isOptional: true, parameterType: NUMBER_INTEGER}
            outputDefinitions:
              parameters:
                Output: {parameterType: NUMBER_INTEGER}
        deploymentSpec:
          executors:
            exec-add-numbers:
              container:
                image: python:3.11
                command: [sh, -c, 'echo $(($0 + $1)) > $2']
                args: ["{{$.inputs.parameters['a']}}", "{{$.inputs.parameters['b']}}", "{{$.outputs.parameters['Output'].output_file}}"]
        pipelineInfo: {name: add-numbers}
        root:
          dag:
            outputs:
              parameters:
                Output: {valueFromParameter: {outputParameterKey: Output, producerSubtask: add-numbers}}
            tasks:
              add-numbers:
                cachingOptions: {enableCache: true}
                componentRef: {name: comp-add-numbers}
                inputs:
                  parameters:
                    a: {componentInputParameter: a}
                    b: {componentInputParameter: b}
                taskInfo: {name: add-numbers}
          inputDefinitions:
            parameters:
              a: {parameterType: NUMBER_INTEGER}
              b: {defaultValue: 1.0, isOptional: true, parameterType: NUMBER_INTEGER}
          outputDefinitions:
            parameters:
              Output: {parameterType: NUMBER_INTEGER}
        schemaVersion: 2.1.0
        sdkVersion: kfp-2.14.2
        """;

    public Input<long> Start { get; init; } = 40;

    protected override void Build()
    {
        var addNumbers = KfpComponent.Parse(AddNumbersYaml, "add_numbers.yaml");
        var sum = Run(addNumbers, new Dictionary<string, ValueRef> { ["a"] = Start, ["b"] = 2L });
        If(sum.Output("Output") > 41L, () => Run(new Echo { Message = "big" }));
    }
}
