namespace Scheduler.Definitions.Planning;

/// <summary>
/// One field of a task, by its key path in the file (<c>timeout</c>, <c>http.url</c>, <c>env.BACKUP_DIR</c>),
/// as text before and after; null on the side where the field is not set.
/// </summary>
public sealed record FieldChange(string Field, string? Old, string? New);
