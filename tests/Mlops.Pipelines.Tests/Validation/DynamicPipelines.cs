using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>
/// Builds an in-memory assembly of [Pipeline] classes, for tests of the catalog (which scans a whole assembly):
/// the test assembly itself stays free of pipelines that are broken on purpose.
/// </summary>
internal static class DynamicPipelines
{
    private static int count;

    /// <summary>
    /// One public sealed class per entry, deriving from <paramref name="baseType"/> (whose parameterless constructor
    /// it calls) and marked <c>[Pipeline(name)]</c> as if written at <paramref name="file"/> and the given line.
    /// </summary>
    public static Assembly Define(Type baseType, IEnumerable<(string Name, int Line)> pipelines, [CallerFilePath] string file = "")
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(
            new AssemblyName($"DynamicPipelines{Interlocked.Increment(ref count)}"), AssemblyBuilderAccess.Run);
        var module = assembly.DefineDynamicModule("Pipelines");
        var baseConstructor = baseType.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes)!;
        var attribute = typeof(PipelineAttribute).GetConstructor([typeof(string), typeof(string), typeof(int)])!;
        var index = 0;
        foreach (var (name, line) in pipelines)
        {
            var type = module.DefineType($"Team.Pipeline{++index}", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, baseType);
            type.SetCustomAttribute(new CustomAttributeBuilder(attribute, [name, file, line]));
            var il = type.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, Type.EmptyTypes).GetILGenerator();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, baseConstructor);
            il.Emit(OpCodes.Ret);
            type.CreateType();
        }
        return assembly;
    }
}
