using Scheduler.Definitions.Diagnostics;

namespace Scheduler.Definitions.Parsing;

/// <summary>
/// The entries of one mapping, checked against the keys allowed there: duplicate and unknown keys are
/// reported (with "did you mean"), and the rest can be looked up by name.
/// </summary>
internal sealed class KeyedFields
{
    private readonly Dictionary<string, KeyValuePair<YamlScalar, YamlNode>> _fields = new(StringComparer.Ordinal);

    public KeyedFields(YamlMapping mapping, string path, IReadOnlyCollection<string> allowed, DiagnosticBag diagnostics)
    {
        Mapping = mapping;
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Value;
            var keyPath = Paths.Join(path, key);
            if (!allowed.Contains(key))
            {
                var closest = Suggestions.Closest(key, allowed);
                diagnostics.Error(entry.Key.Start, DiagnosticCodes.UnknownKey,
                    $"{keyPath}: '{key}' is not a known key{(path.Length == 0 ? "" : $" in '{path}'")}.",
                    KeyPlacement.Hint(path, key, entry.Value, mapping)
                    ?? (closest is null
                        ? $"Known keys here: {string.Join(", ", allowed)}."
                        : $"Did you mean '{closest}'?"));
                continue;
            }

            if (!_fields.TryAdd(key, entry))
            {
                var first = _fields[key].Key.Start;
                diagnostics.Error(entry.Key.Start, DiagnosticCodes.DuplicateKey,
                    $"{keyPath}: '{key}' appears twice (first at line {first.Line}).",
                    "Keep one of them: YAML would silently use only the last.");
            }
        }
    }

    public YamlMapping Mapping { get; }

    public IEnumerable<string> Keys => _fields.Keys;

    public bool Has(string key) => _fields.ContainsKey(key);

    public YamlNode? Value(string key) => _fields.TryGetValue(key, out var entry) ? entry.Value : null;

    public YamlScalar? KeyNode(string key) => _fields.TryGetValue(key, out var entry) ? entry.Key : null;
}
