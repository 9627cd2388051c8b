namespace Mlops.Pipelines;

/// <summary>What a <see cref="ContainerComponent"/> runs: an image, its command, arguments and environment.</summary>
public sealed record Container(string Image, IReadOnlyList<Arg> Command, IReadOnlyList<Arg>? Args = null)
{
    public IReadOnlyDictionary<string, string>? Env { get; init; }
}
