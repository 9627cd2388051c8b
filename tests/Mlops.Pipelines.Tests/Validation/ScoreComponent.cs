namespace Mlops.Pipelines.Tests.Validation;

/// <summary>
/// A component compiled by the Python KFP SDK (IR YAML), loaded untyped: inputs <c>model</c> (system.Model),
/// <c>threshold</c> (double, required), <c>verbose</c> (bool, optional); outputs <c>report</c> (system.Markdown),
/// <c>summary</c> (string), <c>scores</c> (list).
/// </summary>
internal static class ScoreComponent
{
    public const string Yaml = """
        # PIPELINE DEFINITION
        # Name: score
        components:
          comp-score:
            executorLabel: exec-score
            inputDefinitions:
              artifacts:
                model:
                  artifactType: {schemaTitle: system.Model, schemaVersion: 0.0.1}
              parameters:
                threshold: {parameterType: NUMBER_DOUBLE}
                verbose: {defaultValue: false, isOptional: true, parameterType: BOOLEAN}
            outputDefinitions:
              artifacts:
                report:
                  artifactType: {schemaTitle: system.Markdown, schemaVersion: 0.0.1}
              parameters:
                scores: {parameterType: LIST}
                summary: {parameterType: STRING}
        deploymentSpec:
          executors:
            exec-score:
              container:
                image: python:3.11
                command: [python3, score.py]
                args: ["{{$.inputs.artifacts['model'].path}}", "{{$.inputs.parameters['threshold']}}",
                  "{{$.outputs.artifacts['report'].path}}", "{{$.outputs.parameters['summary'].output_file}}",
                  "{{$.outputs.parameters['scores'].output_file}}"]
        pipelineInfo: {name: score}
        root:
          dag:
            outputs:
              artifacts:
                report: {artifactSelectors: [{outputArtifactKey: report, producerSubtask: score}]}
              parameters:
                scores: {valueFromParameter: {outputParameterKey: scores, producerSubtask: score}}
                summary: {valueFromParameter: {outputParameterKey: summary, producerSubtask: score}}
            tasks:
              score:
                cachingOptions: {enableCache: true}
                componentRef: {name: comp-score}
                inputs:
                  artifacts:
                    model: {componentInputArtifact: model}
                  parameters:
                    threshold: {componentInputParameter: threshold}
                    verbose: {componentInputParameter: verbose}
                taskInfo: {name: score}
          inputDefinitions:
            artifacts:
              model:
                artifactType: {schemaTitle: system.Model, schemaVersion: 0.0.1}
            parameters:
              threshold: {parameterType: NUMBER_DOUBLE}
              verbose: {defaultValue: false, isOptional: true, parameterType: BOOLEAN}
          outputDefinitions:
            artifacts:
              report:
                artifactType: {schemaTitle: system.Markdown, schemaVersion: 0.0.1}
            parameters:
              scores: {parameterType: LIST}
              summary: {parameterType: STRING}
        schemaVersion: 2.1.0
        sdkVersion: kfp-2.14.2
        """;

    public static KfpComponent Load() => KfpComponent.Parse(Yaml, "score.yaml");
}
