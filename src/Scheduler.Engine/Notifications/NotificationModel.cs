using System.Globalization;
using Scheduler.Definitions.Notifications;
using Scheduler.Definitions.Runs;

namespace Scheduler.Engine.Notifications;

/// <summary>
/// What every payload says, computed once: the fields of the generic JSON body (and of a template's model) and a
/// sentence for people. Field names are those of docs/notifications.md.
/// </summary>
internal sealed record NotificationModel(
    string Event,
    string TaskId,
    string? Description,
    long? RunId,
    string Status,
    int? ExitCode,
    string? Slot,
    string? StartedAt,
    string? FinishedAt,
    int Attempt,
    string Trigger,
    string? Error,
    string OutputTail,
    int Streak,
    string Instance,
    string? Url)
{
    /// <summary>Chat messages carry the end of the output, where the error usually is; the full tail is on the page.</summary>
    public const int OutputTailLines = 20;

    private const int OutputTailChars = 1500;

    public static NotificationModel From(Notification notification, string instance, string? publicUrl)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var fact = notification.Fact;
        var url = publicUrl is null ? null : $"{publicUrl.TrimEnd('/')}/tasks/{fact.Task.Id}";
        return new NotificationModel(
            NotifyNames.Of(notification.Event), fact.Task.Id, fact.Task.Definition.Description, fact.RunId, RunNames.Of(fact.Status), fact.ExitCode,
            Time(fact.Slot), Time(fact.StartedAt), Time(fact.FinishedAt), fact.Attempt, RunNames.Of(fact.Trigger), fact.Error,
            LastLines(fact.OutputTail), fact.FailureStreak, instance, url)
        {
            Revision = fact.Task.Revision,
            FailingSince = fact.FailingSince,
        };
    }

    /// <summary>The definition revision the run used (the commit under <c>serve --git</c>), so the change behind an event is one click away.</summary>
    public string? Revision { get; init; }

    /// <summary>The revision the failure streak began under; null when the task is not failing.</summary>
    public string? FailingSince { get; init; }

    /// <summary>A revision as people read it: a commit's first seven characters.</summary>
    public static string? Short(string? revision) => revision is { Length: > 7 } r && r.All(char.IsAsciiHexDigit) ? r[..7] : revision;

    /// <summary>"backups/nightly-db failed": the first line people read.</summary>
    public string Title => Event switch
    {
        "failure" => $"{TaskId} failed",
        "timeout" => $"{TaskId} timed out",
        "recovery" => $"{TaskId} recovered",
        "missed" => $"{TaskId} missed a slot",
        "suspended" => $"{TaskId} was suspended",
        _ => $"{TaskId} has failed {Streak.ToString(CultureInfo.InvariantCulture)} times in a row",
    };

    /// <summary>The facts after the title, one per line, in plain text (each chat format adds its own markup around it).</summary>
    public IEnumerable<string> Details()
    {
        var run = RunId is { } id ? $"run #{id.ToString(CultureInfo.InvariantCulture)}" : "no run";
        var slot = Slot is null ? "" : $", slot {Slot}";
        var exit = ExitCode is { } code ? $", exit code {code.ToString(CultureInfo.InvariantCulture)}" : "";
        yield return $"{Status}: {run}{slot}, attempt {Attempt.ToString(CultureInfo.InvariantCulture)} ({Trigger}){exit}";
        if (Error is not null)
        {
            yield return Error;
        }

        if (Revision is not null)
        {
            yield return FailingSince is not null && Streak > 0
                ? $"revision {Short(Revision)}, failing since {Short(FailingSince)}"
                : $"revision {Short(Revision)}";
        }

        yield return $"instance {Instance}";
    }

    public static string LastLines(string text)
    {
        var lines = text.TrimEnd('\n', '\r').Split('\n');
        var last = string.Join('\n', lines.TakeLast(OutputTailLines));
        return last.Length <= OutputTailChars ? last : last[^OutputTailChars..];
    }

    private static string? Time(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
