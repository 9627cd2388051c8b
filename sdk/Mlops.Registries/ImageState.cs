namespace Mlops.Registries;

/// <summary>
/// What a registry holds under a component's reference: nothing yet, this very content (<see cref="Published"/>,
/// with the digest it reported), or other content (<see cref="Conflict"/> says what).
/// </summary>
public sealed record ImageState(PublishedImage? Published, string? Conflict)
{
    public static ImageState Absent { get; } = new(null, null);

    public static ImageState Same(PublishedImage published) => new(published, null);

    public static ImageState Other(string conflict) => new(null, conflict);
}
