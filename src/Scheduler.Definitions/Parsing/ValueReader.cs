using System.Globalization;
using System.Text.RegularExpressions;
using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Values;

namespace Scheduler.Definitions.Parsing;

/// <summary>
/// Reads typed values out of YAML nodes. A wrong value is reported (what, where, the value, the fix)
/// and comes back as null, so the caller carries on and finds the file's other problems too.
/// </summary>
internal sealed class ValueReader(DiagnosticBag diagnostics)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    /// <summary>The names the task declares under <c>params:</c>, which its templates may read as <c>params.NAME</c>.</summary>
    public IReadOnlyCollection<string> ParameterNames { get; init; } = [];

    public string? String(YamlNode node, string path, bool allowEmpty = false)
    {
        if (node is not YamlScalar { IsNull: false } scalar)
        {
            return WrongType<string>(node, path, "a string");
        }

        if (!allowEmpty && scalar.Value.Trim().Length == 0)
        {
            Diagnostics.Error(node.Start, DiagnosticCodes.InvalidValue, $"{path}: the value is empty.", "Give a value, or remove the key.");
            return null;
        }

        return scalar.Value;
    }

    public bool? Bool(YamlNode node, string path)
    {
        if (node is YamlScalar { IsPlain: true } scalar)
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
            }
        }

        Diagnostics.Error(node.Start, DiagnosticCodes.WrongType, $"{path}: expected true or false, found {Describe(node)}.",
            "Write true or false without quotes (YAML 1.2: yes/no/on/off are strings).");
        return null;
    }

    public int? Int(YamlNode node, string path, int min, int max)
    {
        if (node is not YamlScalar { IsPlain: true } scalar
            || !int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Diagnostics.Error(node.Start, DiagnosticCodes.WrongType, $"{path}: expected a whole number, found {Describe(node)}.",
                $"Write a number from {min} to {max} without quotes.");
            return null;
        }

        if (value < min || value > max)
        {
            Diagnostics.Error(node.Start, DiagnosticCodes.OutOfRange, $"{path}: {value} is out of range.", $"Use a number from {min} to {max}.");
            return null;
        }

        return value;
    }

    public TimeSpan? Duration(YamlNode node, string path, TimeSpan min, TimeSpan max)
    {
        if (String(node, path) is not { } text)
        {
            return null;
        }

        if (!Durations.TryParse(text, out var value, out var error))
        {
            Diagnostics.Error(node.Start, DiagnosticCodes.InvalidDuration, $"{path}: {error}.", Durations.Hint);
            return null;
        }

        if (value < min || value > max)
        {
            Diagnostics.Error(node.Start, DiagnosticCodes.OutOfRange, $"{path}: '{text}' is out of range.",
                $"Use a duration from {Durations.Format(min)} to {Durations.Format(max)}.");
            return null;
        }

        return value;
    }

    public long? Size(YamlNode node, string path)
    {
        if (String(node, path) is not { } text)
        {
            return null;
        }

        if (!ByteSizes.TryParse(text, out var bytes, out var error))
        {
            Diagnostics.Error(node.Start, DiagnosticCodes.InvalidValue, $"{path}: {error}.", ByteSizes.Hint);
            return null;
        }

        return bytes;
    }

    public T? Choice<T>(YamlNode node, string path, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        if (String(node, path) is not { } text)
        {
            return null;
        }

        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }

        var closest = Suggestions.Closest(text, choices.Keys);
        Diagnostics.Error(node.Start, DiagnosticCodes.InvalidChoice, $"{path}: '{text}' is not one of {string.Join(", ", choices.Keys)}.",
            closest is null ? $"Use one of {string.Join(", ", choices.Keys)}." : $"Did you mean '{closest}'?");
        return null;
    }

    /// <summary>A mapping of names to strings (<c>env</c>, <c>http.headers</c>); scalars such as 3 or true are kept as written.</summary>
    /// <summary>An <c>env</c> or <c>http.headers</c> mapping: names checked by <paramref name="keyPattern"/>, values text or references.</summary>
    public Dictionary<string, TaskValue>? ValueMap(YamlNode node, string path, Regex keyPattern, string keyKind, string keyHint)
    {
        if (Mapping(node, path) is not { } mapping)
        {
            return null;
        }

        var map = new Dictionary<string, TaskValue>(StringComparer.Ordinal);
        var ok = true;
        foreach (var (key, value) in mapping.Entries)
        {
            var entryPath = Paths.Join(path, key.Value);
            if (!keyPattern.IsMatch(key.Value))
            {
                Diagnostics.Error(key.Start, DiagnosticCodes.InvalidValue, $"{entryPath}: '{key.Value}' is not a valid {keyKind}.", keyHint);
                ok = false;
            }
            else if (TaskValueReader.Read(this, value, entryPath) is not { } text)
            {
                ok = false;
            }
            else if (!map.TryAdd(key.Value, text))
            {
                Diagnostics.Error(key.Start, DiagnosticCodes.DuplicateKey, $"{entryPath}: '{key.Value}' appears twice.", "Keep one of them.");
                ok = false;
            }
        }

        return ok ? map : null;
    }

    public YamlMapping? Mapping(YamlNode node, string path) =>
        node as YamlMapping ?? WrongType<YamlMapping>(node, path, "a mapping (key: value lines)");

    public YamlSequence? List(YamlNode node, string path) =>
        node as YamlSequence ?? WrongType<YamlSequence>(node, path, "a list");

    public T? WrongType<T>(YamlNode node, string path, string expected)
        where T : class
    {
        Diagnostics.Error(node.Start, DiagnosticCodes.WrongType, $"{path}: expected {expected}, found {Describe(node)}.",
            node is YamlScalar ? $"Write {expected} here." : $"Write {expected} here, not {node.KindName}.");
        return null;
    }

    /// <summary>How a value is shown in a message: the text itself for scalars, the kind otherwise.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalar { IsNull: true } => "nothing",
        YamlScalar scalar => $"'{Shorten(scalar.Value)}'",
        _ => node.KindName,
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
