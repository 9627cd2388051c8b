using System.Globalization;
using System.Text.Json;
using Mlops.Pipelines.Graph;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Compiler;

/// <summary>Renders a <see cref="Condition"/> as the CEL expression KFP puts in <c>triggerPolicy.condition</c>.</summary>
internal static class CelCondition
{
    /// <summary>The CEL text, or the reason the condition cannot be evaluated by KFP and the comparison that has it.</summary>
    public static (string? Cel, string? Code, string? Error, Condition? Comparison) Render(Condition condition)
    {
        try
        {
            return (Expression(condition), null, null, null);
        }
        catch (ConditionException e)
        {
            return (null, e.Code, e.Message, e.Comparison);
        }
    }

    private static string Expression(Condition condition)
    {
        if (condition.All is { } all)
        {
            return string.Join(" && ", all.Select(Expression));
        }
        if (condition.Negated is { } negated)
        {
            return $"!({Expression(negated)})";
        }
        var left = Operand(condition.Left!, condition);
        var right = Operand(condition.Right!, condition);
        if (left.Type != right.Type)
        {
            if (left.Type is ParameterType.NumberInteger && right.Type is ParameterType.NumberDouble)
            {
                left = left with { Text = $"double({left.Text})" };
            }
            else if (right.Type is ParameterType.NumberInteger && left.Type is ParameterType.NumberDouble)
            {
                right = right with { Text = $"double({right.Text})" };
            }
            else
            {
                throw new ConditionException(ErrorCodes.Pipelines.ParameterTypeMismatch,
                    $"the condition compares {left.Describe} with {right.Describe}; compare values of the same type", condition);
            }
        }
        return $"{left.Text} {condition.Operator} {right.Text}";
    }

    private sealed record Rendered(string Text, ParameterType Type, string Describe);

    private static Rendered Operand(ValueRef value, Condition comparison)
    {
        switch (value.Binding)
        {
            case ChannelBinding { Channel: var channel }:
                if (channel.Type.IsArtifact)
                {
                    throw new ConditionException(ErrorCodes.Pipelines.ConditionOnArtifact,
                        $"the condition reads {PipelineTrace.Describe(channel)}, a {channel.Type.Describe()}; conditions can only compare parameters (write the value you need as an output parameter)", comparison);
                }
                if (channel.Type.ParameterType is ParameterType.List or ParameterType.Struct)
                {
                    throw new ConditionException(ErrorCodes.Pipelines.ConditionOnCollection,
                        $"the condition reads {PipelineTrace.Describe(channel)}, a {channel.Type.Describe()}; conditions compare strings, numbers and bools only", comparison);
                }
                var text = $"inputs.parameter_values['pipelinechannel--{channel.FullName}']";
                return new Rendered(channel.Type.ParameterType == ParameterType.NumberInteger ? $"int({text})" : text,
                    channel.Type.ParameterType, PipelineTrace.Describe(channel));
            case ConstantBinding constant:
                var node = constant.Value;
                return constant.Type.ParameterType switch
                {
                    ParameterType.String => new Rendered($"'{node!.GetValue<string>()}'", ParameterType.String, "a string"),
                    ParameterType.Boolean => new Rendered(node!.GetValue<bool>() ? "true" : "false", ParameterType.Boolean, "a bool"),
                    ParameterType.NumberInteger => new Rendered(((long)node!.GetValue<double>()).ToString(CultureInfo.InvariantCulture), ParameterType.NumberInteger, "an integer"),
                    ParameterType.NumberDouble => new Rendered(ProtoDouble.Format(node!.GetValue<double>()), ParameterType.NumberDouble, "a double"),
                    _ => throw new ConditionException(ErrorCodes.Pipelines.ConditionOnCollection,
                        $"the condition compares a constant {node?.ToJsonString(new JsonSerializerOptions())}; conditions compare strings, numbers and bools only", comparison),
                };
            default:
                throw new ConditionException(ErrorCodes.Pipelines.ForeignValue,
                    $"the condition reads {value.Describe()}, which has no value", comparison);
        }
    }

    private sealed class ConditionException(string code, string message, Condition comparison) : Exception(message)
    {
        public string Code { get; } = code;
        public Condition Comparison { get; } = comparison;
    }
}
