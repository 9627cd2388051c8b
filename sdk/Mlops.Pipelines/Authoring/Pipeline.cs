using System.Runtime.CompilerServices;
using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Graph;

namespace Mlops.Pipelines;

/// <summary>
/// A pipeline: its inputs are <c>Input&lt;T&gt;</c> properties (with defaults as initializers), its outputs
/// <c>Output&lt;T&gt;</c> properties, and <see cref="Build"/> is traced at compile time into a KFP DAG. Mark the class
/// with <see cref="PipelineAttribute"/>. A pipeline can also run inside another one as a task.
/// </summary>
public abstract class Pipeline : Component
{
    private PipelineTrace? trace;

    /// <summary>
    /// The C# compiler fills these only for an explicit <c>: base()</c> call (not for the implicit one), so diagnostics
    /// about the pipeline point at its [Pipeline] attribute, and at this location only when there is none.
    /// </summary>
    protected Pipeline([CallerFilePath] string declaredInFile = "", [CallerLineNumber] int declaredAtLine = 0)
    {
        DeclaredAt = declaredInFile.Length == 0 ? null : new SourceLocation(declaredInFile, declaredAtLine);
    }

    internal SourceLocation? DeclaredAt { get; }

    /// <summary>Adds the tasks and control flow. Runs once per compile; it builds a graph, it does not run anything.</summary>
    protected abstract void Build();

    internal void TraceInto(PipelineTrace pipelineTrace)
    {
        trace = pipelineTrace;
        try
        {
            Build();
        }
        finally
        {
            trace = null;
        }
    }

    private PipelineTrace Trace([CallerMemberName] string member = "")
    {
        // A stack overflow cannot be caught and kills the build with no word of where; endless recursion in Build()
        // is stopped here, at the first task call that finds the stack nearly used up.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new PipelineException(Diagnostic.Error(ErrorCodes.Pipelines.BuildRecursionTooDeep,
                $"{GetType().Name}.Build() recursed so deep that the stack is nearly used up (at this {member} call): a method that calls itself without end? Make the recursion stop, or add the tasks in a loop or a ParallelFor instead."));
        }
        return trace ?? throw new PipelineException(Diagnostic.Error(ErrorCodes.Pipelines.ControlFlowOutsideBuild,
            $"{member} can only be called while the pipeline is built; move the call into Build() (or a method Build() calls), not a constructor or an initializer."));
    }

    /// <summary>Adds a task that runs <paramref name="component"/>.</summary>
    protected PipelineTask<T> Run<T>(T component, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        where T : Component => Trace().Run(component, new SourceLocation(file, line));

    /// <summary>Adds a task that runs a component loaded from a file, with its inputs by KFP name.</summary>
    protected PipelineTask Run(KfpComponent component, IReadOnlyDictionary<string, ValueRef>? inputs = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Trace().Run(component, inputs ?? new Dictionary<string, ValueRef>(), new SourceLocation(file, line));

    /// <summary>Runs <paramref name="body"/>'s tasks only when <paramref name="condition"/> holds at run time.</summary>
    protected ConditionBranch If(Condition condition, Action body, string? displayName = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Trace().If(condition, body, displayName, new SourceLocation(file, line));

    /// <summary>Runs <paramref name="body"/> once per item of a literal list, in parallel (at most <paramref name="parallelism"/> at once; 0 = no limit).</summary>
    protected void ParallelFor<T>(IEnumerable<T> items, Action<LoopItem<T>> body, int parallelism = 0,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Trace().ParallelForLiteral(items.ToList(), body, parallelism, new SourceLocation(file, line));

    /// <summary>Runs <paramref name="body"/> once per item of a list known at run time (a pipeline input or a task output).</summary>
    protected void ParallelFor<T>(Input<IReadOnlyList<T>> items, Action<LoopItem<T>> body, int parallelism = 0,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Trace().ParallelForChannel(items, body, parallelism, new SourceLocation(file, line));

    protected void ParallelFor<T>(Output<IReadOnlyList<T>> items, Action<LoopItem<T>> body, int parallelism = 0,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Trace().ParallelForChannel(items, body, parallelism, new SourceLocation(file, line));

    protected void ParallelFor<T>(TaskOutput items, Action<LoopItem<T>> body, int parallelism = 0,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Trace().ParallelForChannel(items, body, parallelism, new SourceLocation(file, line));

    /// <summary>Runs <paramref name="exitTask"/> after <paramref name="body"/>'s tasks end, whether they succeeded or not.</summary>
    protected PipelineTask<T> ExitHandler<T>(T exitTask, Action body, string? displayName = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) where T : Component =>
        Trace().ExitHandler(exitTask, body, displayName, new SourceLocation(file, line));

    /// <summary>Every iteration's value of an output produced inside a <c>ParallelFor</c>, as one list outside it.</summary>
    protected Input<IReadOnlyList<T>> Collected<T>(Output<T> output, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Trace().Collected<T>(output, new SourceLocation(file, line));

    /// <summary>Makes <paramref name="value"/> this pipeline's output <paramref name="output"/>.</summary>
    protected void SetOutput<T>(Output<T> output, Output<T> value, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Trace().SetOutput(output, value, new SourceLocation(file, line));

    protected void SetOutput<T>(Output<IReadOnlyList<T>> output, Input<IReadOnlyList<T>> collected,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Trace().SetOutput(output, collected, new SourceLocation(file, line));
}
