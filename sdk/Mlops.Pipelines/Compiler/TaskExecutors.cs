using Mlops.Pipelines.Graph;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Compiler;

/// <summary>The executor of a container or importer task: its component's, with the task's resources and environment.</summary>
internal static class TaskExecutors
{
    public static ExecutorSpec For(ComponentDefinition definition, TaskNode node)
    {
        if (definition.Importer is not null)
        {
            return new ExecutorSpec { Importer = PipelineInliner.Clone(definition.Importer) };
        }
        var container = PipelineInliner.Clone(definition.Container ?? new ContainerSpec());
        if (node.Resources is not null)
        {
            container.Resources = PipelineInliner.Clone(node.Resources);
        }
        if (node.Env.Count > 0)
        {
            container.Env = [.. container.Env ?? [], .. node.Env];
        }
        return new ExecutorSpec { Container = container };
    }
}
