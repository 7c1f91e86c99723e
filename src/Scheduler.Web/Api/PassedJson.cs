using Scheduler.State.Entities;

namespace Scheduler.Web.Api;

/// <summary>The slots one skipped row stands for: the first (its slot), the last, and how many.</summary>
public sealed record PassedJson(DateTime From, DateTime To, int Count)
{
    public static PassedJson? Of(RunRecord run) =>
        run is { PassedToUtc: { } to, PassedCount: { } count } ? new PassedJson(run.SlotUtc.UtcDateTime, to.UtcDateTime, count) : null;
}
