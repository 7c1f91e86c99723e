using Scheduler.Definitions.Diagnostics;

namespace Scheduler.Definitions.Parsing;

/// <summary>
/// A YAML node with the position it came from. The reader builds this small tree itself (rather
/// than using YamlDotNet's representation model) so it can enforce limits while reading and keep
/// duplicate keys, which a dictionary would silently collapse.
/// </summary>
internal abstract class YamlNode(SourcePosition start)
{
    public SourcePosition Start { get; } = start;

    /// <summary>A word for messages: "a mapping", "a list", "a string".</summary>
    public abstract string KindName { get; }
}
