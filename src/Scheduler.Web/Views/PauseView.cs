using Scheduler.State.Entities;
using Scheduler.Definitions.Values;

namespace Scheduler.Web.Views;

/// <summary>
/// A pause as the page and the API show it: who, why, since and until, the target it came from (the task, a folder, or
/// <c>*</c>), and for a suspension whether the task's file changed since (a change does not resume it).
/// </summary>
public sealed record PauseView(string Target, string By, string Reason, DateTimeOffset Since, DateTimeOffset? Until, bool Suspended, bool DefinitionChanged)
{
    public string SinceText => TimeText.Utc(Since);

    public string? UntilText => Until is { } until ? TimeText.Utc(until) : null;

    /// <summary>The line under the badge: "paused by ana: db migration (since …, until …)".</summary>
    public string Describe() =>
        $"{(Suspended ? "suspended" : "paused")} by {By}: {Reason} (since {SinceText}{(UntilText is { } u ? $", until {u}" : "")}{(Target.EndsWith('/') || Target == "*" ? $", through the pause on {Target}" : "")})";

    public static PauseView? Of(PauseRecord? pause, TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return pause is null
            ? null
            : new PauseView(
                pause.Target, pause.By, pause.Reason, pause.SinceUtc, pause.UntilUtc,
                pause.RunId is not null && pause.By == "scheduler",
                pause.DefinitionHash is { } hash && hash != task.DefinitionHash);
    }
}
