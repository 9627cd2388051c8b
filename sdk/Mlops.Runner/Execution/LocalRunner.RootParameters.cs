using System.Text.Json.Nodes;
using Mlops.Pipelines.Ir;

namespace Mlops.Runner.Execution;

public sealed partial class LocalRunner
{
    private static Dictionary<string, JsonNode?> ResolveRootParameters(PipelineSpec spec, IReadOnlyDictionary<string, string> given)
    {
        var values = RootParameters.Resolve(spec, given);
        var missingArtifacts = (spec.Root.InputDefinitions?.Artifacts ?? []).Where(a => !a.Value.IsOptional).Select(a => a.Key).ToList();
        if (missingArtifacts.Count > 0)
        {
            throw new RunRequestException("MLOPS2003",
                $"Pipeline '{spec.PipelineInfo.Name}' needs input artifacts ({string.Join(", ", missingArtifacts)}), which a local run cannot provide yet; run a pipeline that produces them.");
        }
        return values;
    }
}
