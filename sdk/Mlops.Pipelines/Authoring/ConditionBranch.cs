using System.Runtime.CompilerServices;
using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Graph;

namespace Mlops.Pipelines;

/// <summary>The branch <c>If</c> added; chain <see cref="ElseIf"/> and <see cref="Else"/> to it.</summary>
public sealed class ConditionBranch
{
    internal ConditionBranch(PipelineTrace trace, ConditionGroup group, IReadOnlyList<Condition> previous)
    {
        Trace = trace;
        Group = group;
        Previous = previous;
    }

    internal PipelineTrace Trace { get; }
    internal ConditionGroup Group { get; }

    /// <summary>The user's conditions of this branch and the ones before it, in order.</summary>
    internal IReadOnlyList<Condition> Previous { get; }

    public ConditionBranch ElseIf(Condition condition, Action body, string? displayName = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Trace.ElseBranch(this, condition, body, displayName, new SourceLocation(file, line));

    public void Else(Action body, string? displayName = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Trace.ElseBranch(this, null, body, displayName, new SourceLocation(file, line));
}
