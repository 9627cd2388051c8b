using System.Text.RegularExpressions;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Tests.Support;

/// <summary>What holds in every file the KFP compiler writes (notes/kfp-ir.md §11), checked on ours.</summary>
public static partial class IrInvariants
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123();

    public static void AssertHold(PipelineSpec spec)
    {
        var dags = (spec.Components ?? []).Values.Append(spec.Root).Where(c => c.Dag is not null).Select(c => c.Dag!).ToList();
        var tasks = dags.SelectMany(d => d.Tasks ?? []).ToList();
        var referenced = tasks.Select(t => t.Value.ComponentRef.Name).ToList();

        Assert.Equal(referenced.Count, referenced.Distinct().Count());
        Assert.Equal((spec.Components ?? []).Keys.Order(), referenced.Order());
        var labels = (spec.Components ?? []).Values.Select(c => c.ExecutorLabel).OfType<string>().ToList();
        Assert.Equal(labels.Count, labels.Distinct().Count());
        Assert.Equal(spec.DeploymentSpec.Executors.Keys.Order(), labels.Order());
        Assert.All((spec.Components ?? []).Keys, k => Assert.StartsWith("comp-", k));
        Assert.All(labels, l => Assert.StartsWith("exec-", l));
        foreach (var dag in dags)
        {
            foreach (var (name, task) in dag.Tasks ?? [])
            {
                Assert.Matches(Dns1123(), name);
                if (task.DependentTasks is { } dependencies)
                {
                    Assert.Equal(dependencies.Order(StringComparer.Ordinal), dependencies);
                    Assert.All(dependencies, d => Assert.True(dag.Tasks!.ContainsKey(d), $"{name} depends on {d}, which is not in its DAG"));
                }
                foreach (var (_, input) in task.Inputs?.Parameters ?? [])
                {
                    if (input.TaskOutputParameter is { } producer)
                    {
                        Assert.True(dag.Tasks!.ContainsKey(producer.ProducerTask), $"{name} reads {producer.ProducerTask}, which is not in its DAG");
                    }
                }
            }
        }
    }
}
