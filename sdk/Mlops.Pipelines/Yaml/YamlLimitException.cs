namespace Mlops.Pipelines.Yaml;

/// <summary>
/// Well-formed YAML past one of the <see cref="YamlLimits"/>; <see cref="Code"/> says which. The message says what
/// to change, and starts lower-case to follow the file's name.
/// </summary>
public sealed class YamlLimitException(string code, string message, int line, int column) : YamlFormatException(message, line, column)
{
    public string Code { get; } = code;
}
