namespace Mlops.Pipelines.Yaml;

/// <summary>What <see cref="YamlBlockReader"/> reads, in document order: a JSON tree to build or to write.</summary>
internal interface IJsonTreeSink
{
    void StartObject();

    /// <summary>The next key of the current object; false when the object already has it.</summary>
    bool Key(string name);

    void EndObject();

    void StartArray();

    void EndArray();

    /// <summary>A quoted or literal scalar: always a string.</summary>
    void String(string value);

    /// <summary>A plain scalar: null, a bool, a number or a string, as <see cref="YamlScalars.Resolve"/> says.</summary>
    void Plain(string value);
}
