namespace Mlops.Pipelines.Yaml;

/// <summary>Text that is not well-formed YAML; line and column are 1-based (0 when unknown).</summary>
public class YamlFormatException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;
    public int Column { get; } = column;
}
