using Scheduler.Definitions.Diagnostics;

namespace Scheduler.Definitions.Parsing;

internal sealed class YamlSequence(SourcePosition start, IReadOnlyList<YamlNode> items) : YamlNode(start)
{
    public IReadOnlyList<YamlNode> Items { get; } = items;

    public override string KindName => "a list";
}
