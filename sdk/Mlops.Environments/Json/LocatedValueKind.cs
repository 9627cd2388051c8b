namespace Mlops.Environments.Json;

/// <summary>The kinds of JSON value the environments file distinguishes (numbers are read but never accepted).</summary>
internal enum LocatedValueKind
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}
