using Scheduler.Definitions.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Scheduler.Definitions.Parsing;

/// <summary>
/// Reads one YAML document into a <see cref="YamlNode"/> tree with positions, enforcing
/// <see cref="YamlLimits"/> as it goes: depth is checked per event and alias expansion is counted
/// by node, so a "billion laughs" file is rejected after reading it once, not after expanding it.
/// </summary>
internal sealed class YamlTreeReader
{
    private readonly Parser _parser;
    private readonly DiagnosticBag _diagnostics;
    private Dictionary<string, (YamlNode Node, int Size)>? _anchors; // made at the first anchor: most files have none

    // The entries and items of the mappings and lists still open, innermost last: a node's children are complete
    // (and taken off) before its next sibling starts, so one list per kind serves every level, and each node gets an
    // array of its exact size instead of a list grown step by step.
    private readonly List<KeyValuePair<YamlScalar, YamlNode>> _entries = new(32);
    private readonly List<YamlNode> _items = new(16);
    private int _nodeCount;
    private SourcePosition _lastPosition = SourcePosition.FileStart;

    private YamlTreeReader(string text, DiagnosticBag diagnostics)
    {
        _parser = new Parser(new StringReader(text));
        _diagnostics = diagnostics;
    }

    /// <summary>The document's root, or null when the file is empty or broken (the reason is in <paramref name="diagnostics"/>).</summary>
    public static YamlNode? Read(string text, DiagnosticBag diagnostics)
    {
        var reader = new YamlTreeReader(text, diagnostics);
        try
        {
            return reader.ReadStream();
        }
        catch (YamlException e)
        {
            diagnostics.Error(ToPosition(e.Start), DiagnosticCodes.YamlSyntax, $"This is not valid YAML: {CleanMessage(e.Message)}.",
                "Check the indentation and quoting around this position; a value containing ': ' or starting with '{', '[', '*', '&' or '#' needs quotes.");
            return null;
        }
        catch (LimitExceededException)
        {
            return null; // already reported where the limit was hit
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (instead of a YamlException) on some unclosed flow collections.
            diagnostics.Error(reader._lastPosition, DiagnosticCodes.YamlSyntax, "This is not valid YAML: the parser stopped after this point.",
                "Look for an unclosed '[', '{' or quote from here on; a value containing ': ' needs quotes.");
            return null;
        }
    }

    private YamlNode? ReadStream()
    {
        _parser.Consume<StreamStart>();
        if (_parser.Accept<StreamEnd>(out _))
        {
            return null;
        }

        _parser.Consume<DocumentStart>();
        var root = _parser.Accept<DocumentEnd>(out _) ? null : ReadNode(depth: 1);
        _parser.Consume<DocumentEnd>();

        if (_parser.Accept<DocumentStart>(out var second))
        {
            _diagnostics.Error(ToPosition(second.Start), DiagnosticCodes.MultipleDocuments,
                "A task file holds one YAML document, but a second one starts here.",
                "Remove the '---' line and what follows, or move the second task into a file of its own.");
        }

        return root;
    }

    private YamlNode ReadNode(int depth)
    {
        var start = _parser.Current ?? throw new InvalidOperationException("The YAML parser ended inside a document.");
        _lastPosition = ToPosition(start.Start);
        if (depth > YamlLimits.MaxDepth)
        {
            Fail(start, DiagnosticCodes.NestingTooDeep, $"Nesting is deeper than {YamlLimits.MaxDepth} levels.",
                "A task file needs only a few levels; flatten the structure.");
        }

        switch (start)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                return ExpandAlias(alias);
            case Scalar scalar:
                CountNode(scalar);
                _parser.MoveNext();
                return Remember(scalar.Anchor, new YamlScalar(ToPosition(scalar.Start), scalar.Value, IsPlain(scalar)), 1);
            case SequenceStart sequenceStart:
                return ReadSequence(sequenceStart, depth);
            case MappingStart mappingStart:
                return ReadMapping(mappingStart, depth);
            default:
                throw new InvalidOperationException($"Unexpected YAML event {start.GetType().Name}.");
        }
    }

    private YamlSequence ReadSequence(SequenceStart sequenceStart, int depth)
    {
        _parser.MoveNext();
        var startCount = CountNode(sequenceStart);
        var first = _items.Count;
        while (!_parser.TryConsume<SequenceEnd>(out _))
        {
            _items.Add(ReadNode(depth + 1));
        }

        return Remember(sequenceStart.Anchor, new YamlSequence(ToPosition(sequenceStart.Start), TakeFrom(_items, first)), _nodeCount - startCount + 1);
    }

    private YamlMapping ReadMapping(MappingStart mappingStart, int depth)
    {
        _parser.MoveNext();
        var startCount = CountNode(mappingStart);
        var first = _entries.Count;
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = _parser.Current!;
            var key = ReadNode(depth + 1);
            if (key is not YamlScalar scalarKey)
            {
                Fail(keyEvent, DiagnosticCodes.WrongType, $"A key must be a plain name, but this key is {key.KindName}.",
                    "Use a simple word such as 'schedule' or 'command' as the key.");
                return null!; // unreachable: Fail throws
            }

            _entries.Add(new(scalarKey, ReadNode(depth + 1)));
        }

        return Remember(mappingStart.Anchor, new YamlMapping(ToPosition(mappingStart.Start), TakeFrom(_entries, first)), _nodeCount - startCount + 1);
    }

    /// <summary>The items from <paramref name="first"/> on, as an array of the exact size, taken off the shared list.</summary>
    private static T[] TakeFrom<T>(List<T> open, int first)
    {
        var count = open.Count - first;
        if (count == 0)
        {
            return [];
        }

        var taken = new T[count];
        open.CopyTo(first, taken, 0, count);
        open.RemoveRange(first, count);
        return taken;
    }

    private YamlNode ExpandAlias(AnchorAlias alias)
    {
        var anchored = default((YamlNode Node, int Size));
        if (_anchors?.TryGetValue(alias.Value.Value, out anchored) != true)
        {
            Fail(alias, DiagnosticCodes.YamlSyntax, $"The alias '*{alias.Value.Value}' refers to no anchor defined before it.",
                $"Define '&{alias.Value.Value}' earlier in the file, or remove the alias.");
        }

        // An alias re-uses the anchored subtree; what it costs is the size of that subtree.
        _nodeCount += anchored.Size;
        if (_nodeCount > YamlLimits.MaxNodes)
        {
            Fail(alias, DiagnosticCodes.AliasExpansion,
                $"Aliases expand this file past {YamlLimits.MaxNodes:N0} nodes.",
                "A task file needs no aliases of aliases; write the values out.");
        }

        return anchored.Node!; // set: Fail above throws when the anchor is unknown
    }

    private int CountNode(ParsingEvent at)
    {
        var before = _nodeCount;
        _nodeCount++;
        if (_nodeCount > YamlLimits.MaxNodes)
        {
            Fail(at, DiagnosticCodes.AliasExpansion, $"This file has more than {YamlLimits.MaxNodes:N0} nodes.",
                "A task file is a few dozen lines; split or shorten it.");
        }

        return before;
    }

    private T Remember<T>(AnchorName anchor, T node, int size)
        where T : YamlNode
    {
        if (!anchor.IsEmpty)
        {
            (_anchors ??= new(StringComparer.Ordinal))[anchor.Value] = (node, size);
        }

        return node;
    }

    private static bool IsPlain(Scalar scalar) =>
        scalar.Style == ScalarStyle.Plain && (scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific);

    private void Fail(ParsingEvent at, string code, string message, string hint)
    {
        _diagnostics.Error(ToPosition(at.Start), code, message, hint);
        throw new LimitExceededException();
    }

    internal static SourcePosition ToPosition(Mark mark) =>
        new(Math.Max(1, (int)mark.Line), Math.Max(1, (int)mark.Column));

    /// <summary>YamlDotNet's messages start with "While parsing …" and end without a stop; keep the useful part.</summary>
    private static string CleanMessage(string message)
    {
        var text = message.Trim().TrimEnd('.');
        return text.Length == 0 ? "the parser stopped here" : char.ToLowerInvariant(text[0]) + text[1..];
    }

    /// <summary>Stops reading once a limit is hit; the diagnostic was recorded before throwing.</summary>
    private sealed class LimitExceededException : Exception;
}
