using System.Collections.Concurrent;
using System.Reflection;

namespace Mlops.Pipelines.Graph;

/// <summary>Creates <c>Input&lt;T&gt;</c> objects and binds <c>Output&lt;T&gt;</c> objects when T is known only at run time.</summary>
internal static class IoObjects
{
    private static readonly ConcurrentDictionary<Type, Func<Binding?, string?, object>> BoundFactories = new();
    private static readonly ConcurrentDictionary<Type, Func<string, object>> PlaceholderFactories = new();

    public static object BoundInput(Type valueType, Binding? binding, string? source) =>
        BoundFactories.GetOrAdd(valueType, t =>
        {
            var method = typeof(Input<>).MakeGenericType(t).GetMethod("Bound", BindingFlags.NonPublic | BindingFlags.Static)!;
            return (b, s) => method.Invoke(null, [b, s])!;
        })(binding, source);

    public static object PlaceholderInput(Type valueType, string name) =>
        PlaceholderFactories.GetOrAdd(valueType, t =>
        {
            var method = typeof(Input<>).MakeGenericType(t).GetMethod("Placeholder", BindingFlags.NonPublic | BindingFlags.Static)!;
            return n => method.Invoke(null, [n])!;
        })(name);

}

/// <summary>The untyped view of an <c>Output&lt;T&gt;</c>, for binding it to a task.</summary>
internal interface IOutputSlot
{
    string? Name { get; set; }
    TaskOutputChannel? Channel { get; set; }
    Type ValueType { get; }
}
