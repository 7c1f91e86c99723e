using System.Globalization;
using Scheduler.Definitions.Runs;

namespace Scheduler.Engine.Handlers;

/// <summary>The run's values as text, one spelling shared by templates and the run environment.</summary>
internal static class RunValues
{
    /// <summary>ISO 8601 in UTC to the second, e.g. <c>2026-10-25T00:30:00Z</c>: what shells, file names and people read alike.</summary>
    public static string Slot(DateTimeOffset slot) =>
        slot.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Id(long runId) => runId.ToString(CultureInfo.InvariantCulture);

    public static string Attempt(int attempt) => attempt.ToString(CultureInfo.InvariantCulture);

    public static string Trigger(RunTrigger trigger) => RunNames.Of(trigger);
}
