using Scheduler.Definitions.Diagnostics;

namespace Scheduler.Definitions.Parsing;

/// <summary>A scalar with its text and whether it was quoted (a quoted "true" is a string, not a boolean).</summary>
internal sealed class YamlScalar(SourcePosition start, string value, bool isPlain) : YamlNode(start)
{
    public string Value { get; } = value;

    public bool IsPlain { get; } = isPlain;

    /// <summary>A plain <c>~</c>, <c>null</c> or empty value: YAML's null.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string KindName => IsNull ? "null" : "a scalar";
}
