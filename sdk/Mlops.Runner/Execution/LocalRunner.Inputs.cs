using System.Text.Json.Nodes;
using Mlops.Pipelines.Ir;
using Mlops.Runner.Cel;
using Mlops.Runner.Store;

namespace Mlops.Runner.Execution;

public sealed partial class LocalRunner
{
    private sealed class InputException(string message) : Exception(message);

    private async Task<Scope> ResolveInputsAsync(PipelineTaskSpec task, ComponentSpec component, Scope scope,
        Dictionary<string, Lazy<Task<Outcome>>> siblings, Dictionary<string, Outcome> upstream)
    {
        async Task<Outcome> Producer(string producer) =>
            upstream.TryGetValue(producer, out var known) ? known
            : siblings.TryGetValue(producer, out var lazy) ? await lazy.Value
            : throw new InputException($"it reads task '{producer}', which is not in its DAG");

        var parameters = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (input, source) in task.Inputs?.Parameters ?? [])
        {
            JsonNode? value;
            if (source.RuntimeValue is { } runtime)
            {
                value = runtime.Constant?.DeepClone();
            }
            else if (source.ComponentInputParameter is { } parent)
            {
                if (!scope.Parameters.TryGetValue(parent, out value))
                {
                    continue;
                }
            }
            else if (source.TaskOutputParameter is { } output)
            {
                var producer = await Producer(output.ProducerTask);
                if (!producer.Parameters.TryGetValue(output.OutputParameterKey, out value))
                {
                    throw new InputException($"input '{input}' needs output '{output.OutputParameterKey}' of task '{output.ProducerTask}', which {(producer.Ran ? "did not produce it" : "did not run")}");
                }
            }
            else if (source.TaskFinalStatus is { } status)
            {
                var producer = await Producer(status.ProducerTask);
                value = new JsonObject
                {
                    ["state"] = producer.State switch { TaskState.Failed => "FAILED", TaskState.Cancelled => "CANCELLED", _ => "SUCCEEDED" },
                    ["pipelineJobResourceName"] = $"{record.Pipeline}-{record.Id}",
                    ["pipelineTaskName"] = status.ProducerTask,
                    ["error"] = new JsonObject { ["message"] = producer.Error ?? "" },
                };
            }
            else
            {
                continue;
            }
            if (source.ParameterExpressionSelector is { Length: > 0 } selector)
            {
                value = CelEvaluator.Select(selector, value is JsonValue ? value : JsonValue.Create(value?.ToJsonString()));
            }
            parameters[input] = value;
        }
        foreach (var (input, definition) in component.InputDefinitions?.Parameters ?? [])
        {
            if (!parameters.ContainsKey(input) && definition.DefaultValue is not null)
            {
                parameters[input] = definition.DefaultValue.DeepClone();
            }
        }
        var artifacts = new Dictionary<string, List<ArtifactRef>>(StringComparer.Ordinal);
        foreach (var (input, source) in task.Inputs?.Artifacts ?? [])
        {
            if (source.ComponentInputArtifact is { } parent)
            {
                if (scope.Artifacts.TryGetValue(parent, out var list))
                {
                    artifacts[input] = list;
                }
            }
            else if (source.TaskOutputArtifact is { } output)
            {
                var producer = await Producer(output.ProducerTask);
                artifacts[input] = producer.Artifacts.TryGetValue(output.OutputArtifactKey, out var list) ? list
                    : throw new InputException($"input '{input}' needs artifact '{output.OutputArtifactKey}' of task '{output.ProducerTask}', which {(producer.Ran ? "did not produce it" : "did not run")}");
            }
        }
        return new Scope(parameters, artifacts);
    }
}
