using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Mlops.Pipelines.Yaml;

/// <summary>
/// Builds JSON trees from YamlDotNet's parser events, without recursion and within <see cref="YamlLimits"/>: an
/// anchor is usable once its node is complete (so a node cannot contain itself), each alias is a copy counted
/// against <see cref="YamlLimits.MaxAliasNodes"/>, and nesting, copies included, stops at <see cref="YamlLimits.MaxDepth"/>.
/// </summary>
internal sealed class YamlEventReader
{
    private readonly Parser parser;
    private readonly Stack<Open> open = new();
    private readonly Dictionary<string, Anchored> anchors = new(StringComparer.Ordinal);
    private readonly HashSet<string> unfinished = new(StringComparer.Ordinal);
    private readonly List<JsonNode?> documents = [];
    private int nodes;
    private int aliasNodes;

    private YamlEventReader(string text) => parser = new Parser(new StringReader(text));

    /// <exception cref="YamlFormatException">The text is not well-formed YAML, or is past a limit (<see cref="YamlLimitException"/>).</exception>
    public static IReadOnlyList<JsonNode?> Read(string text) => new YamlEventReader(text).ReadAll();

    /// <summary>A mapping or sequence being read: its node, the key waiting for a value, its anchor, its first node's number.</summary>
    private sealed class Open(JsonNode node, string? anchor, int firstNode)
    {
        public JsonNode Node { get; } = node;
        public string? Anchor { get; } = anchor;
        public int FirstNode { get; } = firstNode;
        public string? PendingKey { get; set; }
        public int Height { get; set; }
    }

    /// <summary>A complete anchored node: how many nodes a copy makes and how deep it nests.</summary>
    private sealed record Anchored(JsonNode? Node, int Nodes, int Height);

    private List<JsonNode?> ReadAll()
    {
        while (Next() is { } current)
        {
            switch (current)
            {
                case MappingStart start:
                    Start(new JsonObject(), start.Anchor, start.Start);
                    break;
                case SequenceStart start:
                    Start(new JsonArray(), start.Anchor, start.Start);
                    break;
                case MappingEnd or SequenceEnd:
                    End();
                    break;
                case Scalar scalar:
                    Scalar(scalar);
                    break;
                case AnchorAlias alias:
                    Alias(alias);
                    break;
                case DocumentEnd:
                    anchors.Clear();
                    break;
            }
        }
        return documents;
    }

    private ParsingEvent? Next()
    {
        try
        {
            return parser.MoveNext() ? parser.Current : null;
        }
        catch (YamlException e)
        {
            throw new YamlFormatException(e.Message, (int)e.Start.Line, (int)e.Start.Column);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this for some malformed text (an unclosed '{' or '['); the parser stopped here.
            var at = parser.Current?.Start ?? Mark.Empty;
            throw new YamlFormatException("the YAML is malformed at or after this point (look for an unclosed '{', '[' or quote)", (int)at.Line, (int)at.Column);
        }
    }

    private void Start(JsonNode container, AnchorName anchor, Mark at)
    {
        if (open.Count >= YamlLimits.MaxDepth)
        {
            throw TooDeep(at);
        }
        var name = anchor.IsEmpty ? null : anchor.Value;
        Add(container, at, height: 0);
        if (name is not null)
        {
            unfinished.Add(name);
        }
        open.Push(new Open(container, name, nodes));
    }

    private void End()
    {
        var closed = open.Pop();
        if (open.Count > 0)
        {
            open.Peek().Height = Math.Max(open.Peek().Height, closed.Height + 1);
        }
        if (closed.Anchor is { } name)
        {
            unfinished.Remove(name);
            anchors[name] = new Anchored(closed.Node, nodes - closed.FirstNode + 1, closed.Height + 1);
        }
    }

    private void Scalar(Scalar scalar)
    {
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        var value = tag is "tag:yaml.org,2002:str" || scalar.Style is not ScalarStyle.Plain
            ? JsonValue.Create(scalar.Value)
            : YamlScalars.Resolve(scalar.Value);
        if (!scalar.Anchor.IsEmpty)
        {
            anchors[scalar.Anchor.Value] = new Anchored(value, 1, 0);
        }
        if (open.TryPeek(out var parent) && parent.Node is JsonObject mapping && parent.PendingKey is null)
        {
            if (mapping.ContainsKey(scalar.Value))
            {
                throw new YamlFormatException($"Duplicate key {scalar.Value}", (int)scalar.Start.Line, (int)scalar.Start.Column);
            }
            parent.PendingKey = scalar.Value;
            return;
        }
        Add(value, scalar.Start, height: 0);
    }

    private void Alias(AnchorAlias alias)
    {
        var name = alias.Value.Value;
        var at = alias.Start;
        if (unfinished.Contains(name))
        {
            throw new YamlLimitException(ErrorCodes.Pipelines.RecursiveYamlAlias,
                $"has an alias *{name} inside the node anchored &{name}, so the node would contain itself without end; write the content out instead of the alias",
                (int)at.Line, (int)at.Column);
        }
        if (!anchors.TryGetValue(name, out var anchored))
        {
            throw new YamlFormatException($"the alias *{name} names no anchor &{name} defined before it in this document", (int)at.Line, (int)at.Column);
        }
        aliasNodes += anchored.Nodes;
        if (aliasNodes > YamlLimits.MaxAliasNodes)
        {
            throw new YamlLimitException(ErrorCodes.Pipelines.YamlAliasExpansion,
                $"has aliases (here *{name}) that expand to more than {YamlLimits.MaxAliasNodes} nodes; write the repeated content out once per use, or use fewer aliases",
                (int)at.Line, (int)at.Column);
        }
        if (open.Count + anchored.Height > YamlLimits.MaxDepth)
        {
            throw TooDeep(at);
        }
        Add(anchored.Node?.DeepClone(), at, anchored.Height);
        nodes += anchored.Nodes - 1;
    }

    /// <summary>A value in the current collection (or the document itself); a mapping's key must be a scalar.</summary>
    private void Add(JsonNode? value, Mark at, int height)
    {
        nodes++;
        if (!open.TryPeek(out var parent))
        {
            documents.Add(value);
            return;
        }
        parent.Height = Math.Max(parent.Height, height);
        if (parent.Node is JsonArray sequence)
        {
            sequence.Add(value);
        }
        else if (parent.PendingKey is { } key)
        {
            ((JsonObject)parent.Node)[key] = value;
            parent.PendingKey = null;
        }
        else
        {
            throw new YamlFormatException("mapping keys must be scalars", (int)at.Line, (int)at.Column);
        }
    }

    private static YamlLimitException TooDeep(Mark at) =>
        new(ErrorCodes.Pipelines.YamlTooDeep,
            $"nests mappings and sequences more than {YamlLimits.MaxDepth} deep here; flatten the structure (files KFP compiles nest 14 deep at most)",
            (int)at.Line, (int)at.Column);
}
