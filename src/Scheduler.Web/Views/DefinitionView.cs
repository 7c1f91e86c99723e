using Scheduler.Definitions.Model;

namespace Scheduler.Web.Views;

/// <summary>
/// What the page shows of one version of a task's definition, worked out once per (task, content hash): its
/// description, its schedule as written and in words, its zone and the parsed schedule the pictures draw.
/// <see cref="Definition"/> is null for system tasks and for text that no longer parses.
/// </summary>
internal sealed record DefinitionView(
    string Hash,
    string? Description,
    string Schedule,
    string? Words,
    string TimeZoneId,
    TimeZoneInfo Zone,
    TaskDefinition? Definition);
