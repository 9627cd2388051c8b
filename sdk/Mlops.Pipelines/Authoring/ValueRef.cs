using Mlops.Pipelines.Graph;

namespace Mlops.Pipelines;

/// <summary>
/// Something a task input can be given: a constant, a pipeline input, a task output, a loop item. Comparing values
/// builds a <see cref="Condition"/> for <c>If</c>; it is evaluated by the pipeline engine, not by C#.
/// </summary>
public abstract class ValueRef
{
    private protected ValueRef()
    {
    }

    /// <summary>The value this reference stands for, or null when it stands for nothing (an unset input).</summary>
    internal abstract Binding? Binding { get; }

    /// <summary>True for the component-side view of an input (only meaningful inside that component's Container).</summary>
    internal virtual bool IsComponentPlaceholder => false;

    /// <summary>True for the stand-in a call that reported an error returns: it has no value and needs no second error.</summary>
    internal virtual bool IsReported => false;

    /// <summary>Used in messages: what the user would call this value.</summary>
    internal abstract string Describe();

    public static implicit operator ValueRef(string value) => Constant(value);
    public static implicit operator ValueRef(long value) => Constant(value);
    public static implicit operator ValueRef(double value) => Constant(value);
    public static implicit operator ValueRef(bool value) => Constant(value);

    /// <summary>A constant of any KFP parameter type: lists and dictionaries as well as scalars.</summary>
    public static ValueRef Constant(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var node = ClrTypes.ToConstant(value);
        var type = ClrTypes.ToIoType(value.GetType()) ?? ClrTypes.TypeOfConstant(node);
        return new ConstantRef(new ConstantBinding(node, type));
    }

    public static Condition operator ==(ValueRef left, ValueRef right) => Condition.Compare(left, "==", right);
    public static Condition operator !=(ValueRef left, ValueRef right) => Condition.Compare(left, "!=", right);
    public static Condition operator <(ValueRef left, ValueRef right) => Condition.Compare(left, "<", right);
    public static Condition operator <=(ValueRef left, ValueRef right) => Condition.Compare(left, "<=", right);
    public static Condition operator >(ValueRef left, ValueRef right) => Condition.Compare(left, ">", right);
    public static Condition operator >=(ValueRef left, ValueRef right) => Condition.Compare(left, ">=", right);

    // == builds a condition, so identity must not depend on it.
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}

internal sealed class ConstantRef(ConstantBinding binding) : ValueRef
{
    internal override Binding Binding { get; } = binding;
    internal override string Describe() => $"the constant {binding.Value?.ToJsonString() ?? "null"}";
}
