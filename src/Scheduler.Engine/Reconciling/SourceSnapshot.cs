using Scheduler.Definitions.Loading;

namespace Scheduler.Engine.Reconciling;

/// <summary>
/// The task files as a source sees them at one moment, and the revision that names that content.
/// <see cref="Problem"/> is set when the source could not be read (folder gone, unreadable): then
/// nothing may be retired on its account.
/// </summary>
public sealed record SourceSnapshot(IReadOnlyList<SourceFile> Files, string Revision, string? Problem = null)
{
    public static SourceSnapshot Unreadable(string problem) => new([], "", problem);
}
