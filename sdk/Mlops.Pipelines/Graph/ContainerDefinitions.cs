using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Graph;

/// <summary>
/// How a C# container component becomes a component definition: placeholders for its inputs, its container's
/// command and arguments as text, and its image resolved to this project's component images or a full reference.
/// </summary>
internal static class ContainerDefinitions
{
    /// <summary>The component a <see cref="ContainerComponent"/> instance declares: its interface and its container.</summary>
    public static ComponentDefinition Define(ComponentShape shape, ContainerComponent component, SourceLocation location,
        IReadOnlyDictionary<string, string> images, Action<string, string, SourceLocation?> report)
    {
        foreach (var input in shape.Inputs.Where(i => i.Type is not null && i.Property.SetMethod is not null))
        {
            input.Property.SetValue(component, IoObjects.PlaceholderInput(input.ValueType, input.Name));
        }
        foreach (var output in shape.Outputs.Where(o => o.Type is not null))
        {
            if (output.Property.GetValue(component) is IOutputSlot slot)
            {
                slot.Name = output.Name;
            }
            else
            {
                report(ErrorCodes.Pipelines.InvalidComponentDeclaration,
                    $"{shape.Type.Name}: output '{output.Property.Name}' is null; initialize it with '= new();'.", location);
            }
        }

        Container? container = null;
        try
        {
            container = component.GetContainer();
        }
        catch (Exception e)
        {
            report(ErrorCodes.Pipelines.PipelineBuildFailed,
                $"{shape.Type.Name}.Container threw {e.GetType().Name}: {e.Message}", location);
        }

        return new ComponentDefinition
        {
            Name = shape.Name,
            Description = shape.Description,
            Inputs = shape.Inputs.Where(i => i.Type is not null).DistinctBy(i => i.Name).ToDictionary(
                i => i.Name,
                i => new InputDefinition(i.Type!, shape.Defaults.ContainsKey(i.Name), shape.Defaults.GetValueOrDefault(i.Name), i.Description)),
            Outputs = shape.Outputs.Where(o => o.Type is not null).DistinctBy(o => o.Name).ToDictionary(o => o.Name, o => o.Type!),
            Container = container is null ? new ContainerSpec() : new ContainerSpec
            {
                Image = ResolveImage(container.Image, shape, location, images, report),
                Command = container.Command.Count == 0 ? null : Texts(container.Command, shape, location, report),
                Args = container.Args is not { Count: > 0 } ? null : Texts(container.Args, shape, location, report),
                Env = container.Env is not { Count: > 0 } ? null : EnvOf(container.Env, shape, location, report),
            },
        };
    }

    private static List<EnvVar> EnvOf(IReadOnlyDictionary<string, string> env, ComponentShape shape, SourceLocation location, Action<string, string, SourceLocation?> report)
    {
        foreach (var name in env.Keys)
        {
            if (EnvironmentVariableNames.Problem(name) is { } problem)
            {
                report(ErrorCodes.Pipelines.InvalidEnvironmentVariableName, $"{shape.Type.Name}.Container: {problem}", location);
            }
        }
        return env.Where(e => EnvironmentVariableNames.Problem(e.Key) is null).Select(e => new EnvVar { Name = e.Key, Value = e.Value }).ToList();
    }

    private static List<string> Texts(IReadOnlyList<Arg> args, ComponentShape shape, SourceLocation location, Action<string, string, SourceLocation?> report)
    {
        // A declaration problem (e.g. an input without init) also breaks its placeholders; report only the cause.
        var errors = shape.DeclarationProblems().Any() ? [] : args.Select(a => a.Error).OfType<string>().Distinct();
        foreach (var error in errors)
        {
            report(ErrorCodes.Pipelines.InvalidPlaceholderUse, $"{shape.Type.Name}.Container: {error}.", location);
        }
        return args.Select(a => a.Text ?? "").ToList();
    }

    private static string ResolveImage(string image, ComponentShape shape, SourceLocation location, IReadOnlyDictionary<string, string> images,
        Action<string, string, SourceLocation?> report)
    {
        if (images.TryGetValue(image, out var reference))
        {
            return reference;
        }
        if (Mlops.ImageReference.TryParse(image, out var full) && full.IsQualified)
        {
            return image;
        }
        var declared = images.Count == 0 ? "this project declares no component images"
            : "this project's components are " + string.Join(", ", images.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}'"));
        report(ErrorCodes.Pipelines.UndeclaredImage,
            $"{shape.Type.Name} uses image '{image}', which is neither a component of this project ({declared}) nor a full image reference with a tag or digest. Add components/{image}/Dockerfile, or write the full reference (e.g. 'python:3.11').",
            location);
        return image;
    }
}
