using System.Text.Json.Nodes;
using Mlops.Pipelines.Ir;
using Mlops.Runner.Store;

namespace Mlops.Runner.Execution;

public sealed partial class LocalRunner
{
    private async Task<Outcome> RunLoopAsync(PipelineTaskSpec task, ComponentSpec component, Scope inputs, string path, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        List<Action<Scope>> iterations;
        if (task.ParameterIterator is { } parameterIterator)
        {
            var items = parameterIterator.Items.Raw is { } raw ? JsonNode.Parse(raw)
                : inputs.Parameters.GetValueOrDefault(parameterIterator.Items.InputParameter ?? "") switch
                {
                    JsonValue text when text.GetValueKind() == System.Text.Json.JsonValueKind.String => JsonNode.Parse(text.GetValue<string>()),
                    var node => node,
                };
            if (items is not JsonArray array)
            {
                return Record(path, Outcome.Failed($"task '{path}' loops over {items?.ToJsonString() ?? "nothing"}, which is not a list"), started, 0, null, null);
            }
            iterations = array.Select(item => (Action<Scope>)(scope => scope.Parameters[parameterIterator.ItemInput] = item?.DeepClone())).ToList();
        }
        else
        {
            var iterator = task.ArtifactIterator!;
            var list = inputs.Artifacts.GetValueOrDefault(iterator.Items.InputArtifact ?? "") ?? [];
            iterations = list.Select(artifact => (Action<Scope>)(scope => scope.Artifacts[iterator.ItemInput] = [artifact])).ToList();
        }

        var limit = task.IteratorPolicy?.ParallelismLimit is > 0 and var l ? l : int.MaxValue;
        using var throttle = new SemaphoreSlim(Math.Min(limit, Math.Max(1, iterations.Count)));
        var runs = iterations.Select(async (bind, index) =>
        {
            await throttle.WaitAsync(cancellationToken);
            try
            {
                var scope = new Scope(new Dictionary<string, JsonNode?>(inputs.Parameters), new Dictionary<string, List<ArtifactRef>>(inputs.Artifacts));
                bind(scope);
                return await ExecuteDagAsync(component, scope, $"{path}/{index}", cancellationToken);
            }
            finally
            {
                throttle.Release();
            }
        }).ToList();
        var outcomes = await Task.WhenAll(runs);
        if (outcomes.FirstOrDefault(o => o.State is TaskState.Failed or TaskState.Cancelled) is { } failed)
        {
            return failed;
        }
        var parameters = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var name in component.OutputDefinitions?.Parameters?.Keys ?? Enumerable.Empty<string>())
        {
            parameters[name] = new JsonArray(outcomes.Select(o => o.Parameters.GetValueOrDefault(name)?.DeepClone()).ToArray());
        }
        var artifacts = new Dictionary<string, List<ArtifactRef>>(StringComparer.Ordinal);
        foreach (var name in component.OutputDefinitions?.Artifacts?.Keys ?? Enumerable.Empty<string>())
        {
            artifacts[name] = outcomes.SelectMany(o => o.Artifacts.GetValueOrDefault(name) ?? []).ToList();
        }
        return new Outcome(TaskState.Succeeded, parameters, artifacts);
    }
}
