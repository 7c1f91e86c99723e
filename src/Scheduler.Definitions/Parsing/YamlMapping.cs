using Scheduler.Definitions.Diagnostics;

namespace Scheduler.Definitions.Parsing;

/// <summary>A mapping that keeps every entry in order, duplicates included, so they can be reported.</summary>
internal sealed class YamlMapping(SourcePosition start, IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> entries) : YamlNode(start)
{
    public IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries { get; } = entries;

    public override string KindName => "a mapping";
}
