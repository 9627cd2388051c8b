using Mlops.Pipelines;

namespace Mlops.Runner.Tests.Containers;

/// <summary>A step whose program is not in its image: the engine creates the container but cannot start it.</summary>
public sealed class MissingProgram : ContainerComponent
{
    public Output<string> Never { get; } = new();

    protected override Mlops.Pipelines.Container Container => new(TestServices.BaseImage, ["train-model", "--out", Never.File]);
}
