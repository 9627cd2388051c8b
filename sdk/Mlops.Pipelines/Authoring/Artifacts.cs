namespace Mlops.Pipelines;

/// <summary>
/// An artifact type (a file or folder passed between tasks by URI). Subclass with <see cref="ArtifactSchemaAttribute"/>
/// for a custom schema such as <c>google.VertexModel</c>.
/// </summary>
[ArtifactSchema("system.Artifact", "0.0.1")]
public class Artifact;

[ArtifactSchema("system.Dataset", "0.0.1")]
public sealed class Dataset : Artifact;

[ArtifactSchema("system.Model", "0.0.1")]
public sealed class Model : Artifact;

[ArtifactSchema("system.Metrics", "0.0.1")]
public sealed class Metrics : Artifact;

[ArtifactSchema("system.ClassificationMetrics", "0.0.1")]
public sealed class ClassificationMetrics : Artifact;

[ArtifactSchema("system.SlicedClassificationMetrics", "0.0.1")]
public sealed class SlicedClassificationMetrics : Artifact;

[ArtifactSchema("system.HTML", "0.0.1")]
public sealed class Html : Artifact;

[ArtifactSchema("system.Markdown", "0.0.1")]
public sealed class Markdown : Artifact;

/// <summary>The final state of the tasks an exit handler guards; an exit task's input of this type is filled by KFP.</summary>
public sealed class TaskFinalStatus;
