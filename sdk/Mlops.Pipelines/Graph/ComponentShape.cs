using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using Mlops.Pipelines.Diagnostics;

namespace Mlops.Pipelines.Graph;

/// <summary>An <c>Input&lt;T&gt;</c> or <c>Output&lt;T&gt;</c> property of a component or pipeline class.</summary>
internal sealed record IoProperty(PropertyInfo Property, string Name, IoType? Type, Type ValueType, string? Description);

/// <summary>
/// The inputs and outputs a C# component or pipeline class declares, read once per type by reflection, with the
/// defaults its property initializers give (read from a fresh instance).
/// </summary>
internal sealed class ComponentShape
{
    private static readonly ConcurrentDictionary<Type, ComponentShape> Cache = new();

    private ComponentShape(Type type)
    {
        Type = type;
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        Inputs = properties.Where(p => IsGeneric(p.PropertyType, typeof(Input<>))).Select(Describe).ToList();
        Outputs = properties.Where(p => IsGeneric(p.PropertyType, typeof(Output<>))).Select(Describe).ToList();
        var attribute = type.GetCustomAttribute<ComponentAttribute>();
        Name = attribute?.Name ?? KfpNames.KebabCase(type.Name);
        Description = attribute?.Description;
        Defaults = ReadDefaults(type);
    }

    public Type Type { get; }
    public string Name { get; }
    public string? Description { get; }
    public IReadOnlyList<IoProperty> Inputs { get; }
    public IReadOnlyList<IoProperty> Outputs { get; }

    /// <summary>Input name → the constant its initializer gives, for inputs that have one.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Defaults { get; }

    /// <summary>Whether the class can be constructed without arguments (needed to read defaults and to nest pipelines).</summary>
    public bool IsConstructible { get; private set; }

    public static ComponentShape Of(Type type) => Cache.GetOrAdd(type, t => new ComponentShape(t));

    /// <summary>Problems with the declaration itself (not with one use of it), with their diagnostic codes.</summary>
    public IEnumerable<(string Code, string Message)> DeclarationProblems()
    {
        foreach (var io in Inputs.Concat(Outputs))
        {
            if (io.Type is null)
            {
                yield return (ErrorCodes.Pipelines.InvalidComponentDeclaration, $"property '{io.Property.Name}' has type {io.ValueType.Name}, which has no KFP type; use string, int, long, double, bool, a list, a dictionary, or an artifact type");
            }
        }
        foreach (var input in Inputs.Where(i => i.Property.SetMethod is null))
        {
            yield return (ErrorCodes.Pipelines.InvalidComponentDeclaration, $"input '{input.Property.Name}' needs an init accessor ({{ get; init; }})");
        }
        foreach (var group in Inputs.Concat(Outputs).GroupBy(i => i.Name).Where(g => g.Count() > 1))
        {
            yield return (ErrorCodes.Pipelines.DuplicateIoName,
                $"properties {string.Join(" and ", group.Select(g => g.Property.Name))} both have the KFP name '{group.Key}'; rename one or give it [KfpName]");
        }
    }

    private static bool IsGeneric(Type type, Type definition) => type.IsGenericType && type.GetGenericTypeDefinition() == definition;

    private static IoProperty Describe(PropertyInfo property)
    {
        var valueType = property.PropertyType.GetGenericArguments()[0];
        var name = property.GetCustomAttribute<KfpNameAttribute>()?.Name ?? KfpNames.SnakeCase(property.Name);
        return new IoProperty(property, name, ClrTypes.ToIoType(valueType), valueType, property.GetCustomAttribute<DescriptionAttribute>()?.Text);
    }

    private Dictionary<string, JsonNode?> ReadDefaults(Type type)
    {
        var defaults = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
        {
            return defaults;
        }
        object fresh;
        try
        {
            fresh = Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException)
        {
            return defaults;
        }
        IsConstructible = true;
        foreach (var input in Inputs)
        {
            if (input.Property.GetValue(fresh) is ValueRef { Binding: ConstantBinding constant })
            {
                defaults[input.Name] = constant.Value;
            }
        }
        return defaults;
    }
}
