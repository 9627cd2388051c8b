using Mlops.Pipelines;

namespace Mlops.Runner.Tests.Containers;

/// <summary><see cref="Greet"/>, then a step whose program is not in the image.</summary>
[Pipeline("container-missing-program")]
public sealed class MissingProgramPipeline : Pipeline
{
    protected override void Build()
    {
        var greet = Run(new Greet { Name = "nobody" });
        Run(new MissingProgram()).After(greet);
    }
}
