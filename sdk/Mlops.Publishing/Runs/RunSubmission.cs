using System.Text;
using System.Text.Json.Nodes;
using Mlops.Backends;
using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Publishing.Model;
using Mlops.Runner.Execution;

namespace Mlops.Publishing.Runs;

/// <summary>
/// What <c>submit</c> sends: the published template by version, the parameters typed by its root inputs (checked
/// before any call), the run id asked for (so a retried create finds the first), and the lineage labels. A pipeline
/// that trains a model runs only in an environment with <c>training</c>: the model of every release is trained once,
/// in dataops, and promoted from there.
/// </summary>
public static class RunSubmission
{
    public static PipelineRunRequest Prepare(PublishedTemplate template, EnvironmentDefinition environment, IReadOnlyDictionary<string, string> parameters,
        string version, string? sourceCommit, DateTimeOffset now)
    {
        if (TrainedModel.Trains(template.Ir) && !environment.Training)
        {
            throw new MlopsException(ErrorCodes.Runs.TrainingOutsideTrainingEnvironment,
                $"Pipeline '{template.Pipeline}' trains a model, and environment '{environment.Name}' is not a training environment: models are trained once, where \"training\": true, and promoted from there. Submit it to a training environment (e.g. -e dataops).");
        }
        return Request(template, parameters, version, sourceCommit) with { RunId = RunId(template.Pipeline, now) };
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

    /// <summary>As the KFP Python SDK names jobs: the pipeline name, lower case, other runs of characters as '-', and the time.</summary>
    public static string RunId(string pipeline, DateTimeOffset now)
    {
        var name = new StringBuilder();
        foreach (var c in pipeline.ToLowerInvariant())
        {
            var keep = c is >= 'a' and <= 'z' or >= '0' and <= '9';
            if (keep)
            {
                name.Append(c);
            }
            else if (name.Length > 0 && name[^1] != '-')
            {
                name.Append('-');
            }
        }
        var stem = name.ToString().Trim('-');
        if (stem.Length == 0 || stem[0] is >= '0' and <= '9')
        {
            stem = "run-" + stem;
        }
        stem = stem.Length > 112 ? stem[..112].TrimEnd('-') : stem;
        return $"{stem}-{now.UtcDateTime:yyyyMMddHHmmss}";
    }
}
