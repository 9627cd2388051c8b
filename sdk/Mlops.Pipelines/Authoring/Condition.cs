namespace Mlops.Pipelines;

/// <summary>
/// A condition evaluated by the pipeline engine (compiled to CEL): comparisons of parameters, combined with
/// <c>&amp;</c> and negated with <c>!</c>. Build one by comparing values: <c>eval.Outputs.F1 &gt;= 0.8</c>.
/// </summary>
public sealed class Condition
{
    private Condition(ValueRef? left, string? op, ValueRef? right, IReadOnlyList<Condition>? all, Condition? negated)
    {
        Left = left;
        Operator = op;
        Right = right;
        All = all;
        Negated = negated;
    }

    internal ValueRef? Left { get; }
    internal string? Operator { get; }
    internal ValueRef? Right { get; }
    internal IReadOnlyList<Condition>? All { get; }
    internal Condition? Negated { get; }

    internal static Condition Compare(ValueRef left, string op, ValueRef right) => new(left, op, right, null, null);

    public static Condition operator &(Condition left, Condition right) =>
        new(null, null, null, [.. Flatten(left), .. Flatten(right)], null);

    public static Condition operator !(Condition condition) => new(null, null, null, null, condition);

    // "if (a >= b && c)" needs these; they make && mean the same as &.
    public static bool operator true(Condition _) => false;
    public static bool operator false(Condition _) => false;

    private static IEnumerable<Condition> Flatten(Condition condition) => condition.All ?? [condition];

    internal IEnumerable<ValueRef> Operands() =>
        All is not null ? All.SelectMany(c => c.Operands())
        : Negated is not null ? Negated.Operands()
        : [Left!, Right!];
}
