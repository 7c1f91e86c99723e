using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Scheduling;
using Scheduler.Definitions.Values;
using Scheduler.Engine;
using Scheduler.State.Store;
using Scheduler.Web.Rendering;
using Scheduler.Web.Status;

namespace Scheduler.Web.Views;

/// <summary>Builds each page's view model from the store; templates only loop and branch over it.</summary>
internal sealed class PageBuilder(
    RunStore store,
    TaskRows rows,
    TaskList list,
    OverviewFolders folders,
    Engine.Registry.DefinitionRegistry definitions,
    ServerInfo server,
    SchedulerEngine engine,
    IAntiforgery antiforgery,
    Pictures.DailyDurationsCache daily,
    Live.StoreChanges changes,
    ChainLinks chains,
    TimeProvider time,
    PauseBoard pauses)
{
    public const int HistoryPageSize = 50;
    private const int AuditShown = 50;
    private const int NotificationsShown = 20;
    private const int UpcomingSlots = 10;
    // The latest 3,000 finished runs of the 30 days: all of them for a task that runs hourly or less often; for one
    // that runs every minute, the last two days (reading 20,000 cost the page of a 153k-run task ~40 ms).
    private const int DailyRunsRead = 3_000;

    public Task<OverviewView> OverviewAsync(HttpContext context, TaskFilter filter, string? problem, CancellationToken cancellationToken) =>
        OverviewAsync(Token(context), filter, problem, cancellationToken);

    public Task<TaskPageView?> TaskAsync(HttpContext context, string taskId, long? before, CancellationToken cancellationToken) =>
        TaskAsync(Token(context), taskId, before, cancellationToken);

    public Task<RunPageView?> RunAsync(HttpContext context, long runId, CancellationToken cancellationToken) =>
        RunAsync(Token(context), runId, cancellationToken);

    /// <summary>The form token of a request, read once: a live stream renders with it long after its response started.</summary>
    public FormToken Token(HttpContext context)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new FormToken(tokens.FormFieldName, tokens.RequestToken ?? "");
    }

    public async Task<OverviewView> OverviewAsync(FormToken form, TaskFilter filter, string? problem, CancellationToken cancellationToken)
    {
        var stamp = Stamp();
        var now = time.GetUtcNow();
        var tasks = await list.GetAsync(now, cancellationToken);
        var instances = await server.InstancesAsync(cancellationToken);
        var shown = await folders.WithHtmlAsync(tasks, filter);
        return new OverviewView(
            await HeaderAsync(cancellationToken),
            filter,
            problem,
            shown.Folders,
            shown.Shown,
            tasks.Count,
            form,
            [.. instances.Select(i => new InstanceRow(
                i.Name, i.Version, TimeText.Utc(i.StartedAt), TimeText.Utc(i.HeartbeatAt), TimeText.Relative(i.HeartbeatAt, now), i.Alive, i.IsThis))],
            stamp)
        {
            FoldersHtml = shown.Html,
        };
    }

    public async Task<TaskPageView?> TaskAsync(FormToken form, string taskId, long? before, CancellationToken cancellationToken)
    {
        var stamp = Stamp();
        var now = time.GetUtcNow();
        if (await store.GetTaskAsync(taskId, cancellationToken) is not { } task)
        {
            return null;
        }

        await pauses.GetAsync(cancellationToken); // the row's pause
        var definition = definitions.Get(task, now);
        var slots = definition is { Enabled: true }
            ? definition.Slots.Upcoming(now, UpcomingSlots).Select(s => new SlotRow(TimeText.Local(s.Local, definition.Slots.TimeZone), TimeText.Utc(s.Utc), NoteOf(s.Note))).ToList()
            : [];
        var runs = await store.ListRunsAsync(taskId, HistoryPageSize, before, cancellationToken);
        var recent = before is null ? runs : await store.ListRunsAsync(taskId, HistoryPageSize, null, cancellationToken);
        var audit = await store.ListAuditAsync(taskId, AuditShown, null, cancellationToken);
        var notifications = await store.ListNotificationsAsync(taskId, NotificationsShown, cancellationToken);
        var url = TasksUrl.Of(taskId);
        return new TaskPageView(
            rows.Build(task, now),
            ShownDefinition.Of(task.DefinitionYaml), // credential references as *** (from-env NAME)
            task.IsSystem ? "Built in: configured in appsettings.json." : task.State == State.Entities.TaskState.InvalidRunningLastGood ? "The last good version, still running; the file now has an error (above)." : null,
            slots,
            DurationCharts.Build(recent),
            await daily.GetAsync(task, now, DailyRunsRead, cancellationToken),
            [.. runs.Select(r => RunRows.Build(r, now))],
            runs.Count == HistoryPageSize ? $"{url}?before={runs[^1].Id.ToString(CultureInfo.InvariantCulture)}" : null,
            before is null ? null : url,
            before is null,
            url,
            [.. audit.Select(a => new AuditRow(TimeText.Utc(a.At), a.Action, a.Actor, a.Result, a.Detail, a.RunId is { } r ? RunsUrl.Of(r) : null, a.RunId))],
            [.. notifications.Select(NotificationRowOf)],
            form,
            stamp)
        {
            Chain = await chains.ForAsync(taskId, definition, cancellationToken),
        };
    }

    public async Task<RunPageView?> RunAsync(FormToken form, long runId, CancellationToken cancellationToken)
    {
        var stamp = Stamp();
        var now = time.GetUtcNow();
        if (await store.GetRunAsync(runId, cancellationToken) is not { } run)
        {
            return null;
        }

        var task = await store.GetTaskAsync(run.TaskId, cancellationToken);
        var zone = task is null ? null : definitions.Get(task, now)?.Slots.TimeZone;
        var row = RunRows.Build(run, now);
        return new RunPageView(
            run.Id,
            run.TaskId,
            TasksUrl.Of(run.TaskId),
            row.Trigger,
            row.Slot,
            zone is null ? null : TimeText.Local(run.SlotUtc, zone),
            run.Attempt,
            row.Status,
            TimeText.Utc(run.StartedAt),
            TimeText.Utc(run.FinishedAt),
            row.Duration,
            row.ExitCode,
            run.OutputTail,
            run.OutputBytes,
            run.OutputBytes > System.Text.Encoding.UTF8.GetByteCount(run.OutputTail),
            run.Error,
            run.Revision,
            run.Instance,
            row.IsRunning,
            RunsUrl.Of(run.Id),
            form,
            stamp)
        {
            Parameters = RunParameters.FromJson(run.Parameters),
        };
    }

    // Read before the store is: a change after this is seen by the stream the page opens.
    private string Stamp()
    {
        changes.Wake();
        return changes.Stamp;
    }

    public async Task<HeaderView> HeaderAsync(CancellationToken cancellationToken)
    {
        var revision = server.Revision();
        var clock = server.Clock();
        var diagnostics = await store.ListConfigErrorsAsync(cancellationToken);
        return new HeaderView(
            revision.Applied ?? "none yet",
            revision.Attempted ?? "none yet",
            revision.Error,
            diagnostics.Count(d => d.Severity == "error"),
            diagnostics.Count(d => d.Severity != "error"),
            [.. diagnostics.Select(d => new ConfigErrorRow($"{d.File}:{d.Line}:{d.Column}", d.Severity, d.Code, d.Message))],
            server.Instance,
            clock.Virtual,
            TimeText.Utc(clock.Now),
            clock.Rate?.ToString("0.###", CultureInfo.InvariantCulture),
            engine.ActiveRunCount,
            engine.Drain.Window is { } drain ? TimeText.Utc(drain.Deadline) : null)
        {
            AllPaused = PauseTargets.For(await pauses.GetAsync(cancellationToken), "*", time.GetUtcNow()) is { Target: PauseTargets.Everything } all
                ? new PauseView(all.Target, all.By, all.Reason, all.SinceUtc, all.UntilUtc, false, false)
                : null,
        };
    }

    private static NotificationRow NotificationRowOf(State.Entities.NotificationRecord n) => new(
        TimeText.Utc(n.UpdatedAt), n.Event, n.RunId, n.RunId is { } r ? RunsUrl.Of(r) : null, n.Target, n.Status,
        n.Status switch
        {
            State.Entities.NotificationStatuses.Sent => "succeeded",
            State.Entities.NotificationStatuses.Failed => "failed",
            _ => "running",
        },
        n.Attempts,
        n.LastError);

    private static string? NoteOf(SlotNote note) => note switch
    {
        SlotNote.DstGapShifted => "moved: its local time does not exist on this day (DST gap)",
        SlotNote.DstRepeatedHour => "repeated hour: this local time occurs twice on this day (DST)",
        _ => null,
    };
}
