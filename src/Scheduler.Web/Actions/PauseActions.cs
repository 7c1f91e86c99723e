using System.Globalization;
using Microsoft.Extensions.Logging;
using Scheduler.Definitions.Values;
using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Web.Actions;

/// <summary>
/// Pause and resume as the page and the API ask for them: the request is checked (target, reason, until), the tasks
/// it concerns are named, the pause is written with its audit entry, and this process's engine sees it at once
/// (other replicas within a second, through their <see cref="PauseBoard"/>).
/// </summary>
internal sealed class PauseActions(RunStore store, PauseBoard pauses, TimeProvider time, ILogger<PauseActions> logger)
{
    private const int MaxReason = 1000;

    public async Task<PauseOutcome> PauseAsync(string? target, string? reason, string? until, string by, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (PauseTargets.Problem(target) is { } problem)
        {
            return new PauseOutcome([], problem);
        }

        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReason)
        {
            return new PauseOutcome([], $"a reason is required (at most {MaxReason} characters): say why, for whoever looks next, e.g. \"database migration, ticket OPS-42\"");
        }

        var (untilUtc, untilProblem) = Until(until, now);
        if (untilProblem is not null)
        {
            return new PauseOutcome([], untilProblem);
        }

        var tasks = await PausableAsync(cancellationToken);
        var ids = tasks.Where(id => PauseTargets.Covers(target!, id)).ToList();
        if (ids.Count == 0 && !target!.EndsWith('/') && target != PauseTargets.Everything)
        {
            return new PauseOutcome([], $"there is no task '{target}'; to pause a folder, end it with a slash ({target}/)");
        }

        var record = new PauseRecord { Target = target!, By = by, Reason = reason, SinceUtc = now, UntilUtc = untilUtc };
        await store.PauseAsync(record, AuditActions.Pause, ids, cancellationToken);
        pauses.Invalidate();
        WebLog.Paused(logger, target!, ids.Count, actor, reason);
        return new PauseOutcome(ids, null);
    }

    public async Task<PauseOutcome> ResumeAsync(string? target, string actor, CancellationToken cancellationToken)
    {
        if (PauseTargets.Problem(target) is { } problem)
        {
            return new PauseOutcome([], problem);
        }

        var now = time.GetUtcNow();
        var tasks = await PausableAsync(cancellationToken);
        var before = await store.ListPausesAsync(cancellationToken);
        var pausedBefore = tasks.Where(id => PauseTargets.For(before, id, now) is not null).ToHashSet(StringComparer.Ordinal);
        var lifted = await store.ResumeAsync(target!, actor, now, $"{target}: resumed", cancellationToken);
        if (lifted.Count == 0)
        {
            var wider = PauseTargets.For(before, target!.TrimEnd('/') + (target.EndsWith('/') ? "/x" : ""), now);
            return new PauseOutcome([], wider is not null
                ? $"'{target}' has no pause of its own: it is paused by the pause on '{wider.Target}' ({wider.By}: {wider.Reason}); resume that target"
                : $"nothing is paused at '{target}'");
        }

        pauses.Invalidate();
        var after = await pauses.GetAsync(cancellationToken);
        var resumed = pausedBefore.Where(id => PauseTargets.For(after, id, now) is null).Order(StringComparer.Ordinal).ToList();
        WebLog.Resumed(logger, target!, resumed.Count, actor);
        return new PauseOutcome(resumed, null);
    }

    /// <summary>An until as an instant (<c>2026-12-08T06:00:00Z</c>, with an offset) or a duration from now (<c>2h</c>, <c>1h30m</c>), in the future.</summary>
    public static (DateTimeOffset? Until, string? Problem) Until(string? text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        text = text.Trim();
        DateTimeOffset until;
        if (Durations.TryParse(text, out var duration, out _))
        {
            until = now + duration;
        }
        else if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out until))
        {
            return (null, $"until '{text}' is neither an instant nor a duration: write 2026-12-08T06:00:00Z (or with an offset) or a duration such as 2h or 1h30m");
        }

        return until > now
            ? (until, null)
            : (null, $"until '{text}' is not in the future (now is {now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'})");
    }

    private async Task<List<string>> PausableAsync(CancellationToken cancellationToken) =>
        [.. (await store.ListTasksAsync(cancellationToken)).Where(t => !t.IsSystem && t.State != TaskState.Retired).Select(t => t.Id).Order(StringComparer.Ordinal)];
}
