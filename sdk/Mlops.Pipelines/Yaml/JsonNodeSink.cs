using System.Text.Json.Nodes;

namespace Mlops.Pipelines.Yaml;

/// <summary>Builds the JsonNode tree YamlDotNet's representation model converts to (<see cref="YamlJsonReader"/>).</summary>
internal sealed class JsonNodeSink : IJsonTreeSink
{
    private readonly Stack<JsonNode> open = new();
    private string? pendingKey;

    public JsonNode? Document { get; private set; }

    public void StartObject() => Open(new JsonObject());

    public bool Key(string name)
    {
        if (((JsonObject)open.Peek()).ContainsKey(name))
        {
            return false;
        }
        pendingKey = name;
        return true;
    }

    public void EndObject() => open.Pop();

    public void StartArray() => Open(new JsonArray());

    public void EndArray() => open.Pop();

    public void String(string value) => Add(JsonValue.Create(value));

    public void Plain(string value) => Add(YamlScalars.Resolve(value));

    private void Open(JsonNode container)
    {
        Add(container);
        open.Push(container);
    }

    private void Add(JsonNode? value)
    {
        if (open.Count == 0)
        {
            Document = value;
        }
        else if (open.Peek() is JsonObject obj)
        {
            obj[pendingKey!] = value;
        }
        else
        {
            ((JsonArray)open.Peek()).Add(value);
        }
    }
}
