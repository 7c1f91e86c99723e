namespace Scheduler.Definitions.Parsing;

/// <summary>Bounds that make hostile input end quickly with an error instead of a crash or a hang.</summary>
internal static class YamlLimits
{
    public const int MaxFileBytes = 1024 * 1024;
    public const int MaxDepth = 64;
    public const int MaxNodes = 10_000;
}
