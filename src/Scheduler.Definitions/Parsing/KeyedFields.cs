using Scheduler.Definitions.Diagnostics;

namespace Scheduler.Definitions.Parsing;

/// <summary>
/// The entries of one mapping, checked against the keys allowed there: duplicate and unknown keys are
/// reported (with "did you mean"), and the rest can be looked up by name.
/// </summary>
internal sealed class KeyedFields
{
    // The first entry of each allowed key, in file order. A list, not a dictionary: it holds at most one entry per
    // allowed key (about twenty), where a scan costs less than hashing, and a file has thousands of these mappings.
    private readonly List<KeyValuePair<YamlScalar, YamlNode>> _fields;

    public KeyedFields(YamlMapping mapping, string path, IReadOnlyCollection<string> allowed, DiagnosticBag diagnostics)
    {
        Mapping = mapping;
        _fields = new List<KeyValuePair<YamlScalar, YamlNode>>(Math.Min(mapping.Entries.Count, allowed.Count));
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Value;
            if (!allowed.Contains(key))
            {
                var keyPath = Paths.Join(path, key);
                var closest = Suggestions.Closest(key, allowed);
                diagnostics.Error(entry.Key.Start, DiagnosticCodes.UnknownKey,
                    $"{keyPath}: '{key}' is not a known key{(path.Length == 0 ? "" : $" in '{path}'")}.",
                    KeyPlacement.Hint(path, key, entry.Value, mapping)
                    ?? (closest is null
                        ? $"Known keys here: {string.Join(", ", allowed)}."
                        : $"Did you mean '{closest}'?"));
                continue;
            }

            if (Find(key) is { } first)
            {
                diagnostics.Error(entry.Key.Start, DiagnosticCodes.DuplicateKey,
                    $"{Paths.Join(path, key)}: '{key}' appears twice (first at line {first.Key.Start.Line}).",
                    "Keep one of them: YAML would silently use only the last.");
                continue;
            }

            _fields.Add(entry);
        }
    }

    public YamlMapping Mapping { get; }

    public IEnumerable<string> Keys => _fields.Select(f => f.Key.Value);

    public bool Has(string key) => Find(key) is not null;

    public YamlNode? Value(string key) => Find(key)?.Value;

    public YamlScalar? KeyNode(string key) => Find(key)?.Key;

    private KeyValuePair<YamlScalar, YamlNode>? Find(string key)
    {
        foreach (var field in _fields)
        {
            if (string.Equals(field.Key.Value, key, StringComparison.Ordinal))
            {
                return field;
            }
        }

        return null;
    }
}
