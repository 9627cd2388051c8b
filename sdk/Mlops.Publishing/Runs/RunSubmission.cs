using System.Text.Json.Nodes;
using Mlops.Backends;
using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Publishing.Model;
using Mlops.Runner.Execution;

namespace Mlops.Publishing.Runs;

/// <summary>
/// What <c>submit</c> sends: the published template by version, the parameters typed by its root inputs (checked
/// before any call) and the lineage labels; the backend names the run (Vertex: the pipeline's name and the time, as
/// the KFP Python SDK does), once per submit, so a retried create finds the first. A pipeline
/// that trains a model runs only in an environment with <c>training</c>: the model of every release is trained once,
/// in dataops, and promoted from there.
/// </summary>
public static class RunSubmission
{
    public static PipelineRunRequest Prepare(PublishedTemplate template, EnvironmentDefinition environment, IReadOnlyDictionary<string, string> parameters,
        string version, string? sourceCommit)
    {
        if (TrainedModel.Trains(template.Ir) && !environment.Training)
        {
            throw new MlopsException(ErrorCodes.Runs.TrainingOutsideTrainingEnvironment,
                $"Pipeline '{template.Pipeline}' trains a model, and environment '{environment.Name}' is not a training environment: models are trained once, where \"training\": true, and promoted from there. Submit it to a training environment (e.g. -e dataops).");
        }
        return Request(template, parameters, version, sourceCommit);
    }

    /// <summary>The request for a run of <paramref name="template"/>, its parameters bound to the pipeline's inputs (MLOPS2001–2003).</summary>
    public static PipelineRunRequest Request(PublishedTemplate template, IReadOnlyDictionary<string, string> parameters, string version, string? sourceCommit)
    {
        var values = new JsonObject();
        foreach (var (name, value) in RootParameters.Bind(template.Ir.Spec, parameters))
        {
            values[name] = value?.DeepClone();
        }
        return new PipelineRunRequest(template.Pipeline, template.Bytes, parameters)
        {
            Source = template.Uri,
            TemplateUri = template.Uri,
            TemplateDigest = template.Version.ToString(),
            ParameterValues = values,
            DisplayName = $"{template.Pipeline} {version}",
            Labels = RunLabels.For(version, sourceCommit),
        };
    }
}
