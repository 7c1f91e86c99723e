using System.Globalization;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Reconciling;
using Scheduler.State.Store;

namespace Scheduler.Engine.SystemTasks;

/// <summary>Runs the system tasks against the store: history retention (runs, notifications, audit) in small batches, and vacuum.</summary>
/// <remarks>Git sync asks for a reconcile by message (<see cref="ReconcileRequests"/>) and reports what it applied.</remarks>
public sealed class SystemRunHandler(RunStore store, SystemTaskOptions options, ReconcileRequests? gitSync = null) : IRunHandler
{
    public string Kind => SystemHandler.KindName;

    public async Task<HandlerOutcome> RunAsync(RunContext context, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = ((SystemHandler)context.Task.Handler).Job;
        try
        {
            switch (job)
            {
                case SystemHandler.HistoryRetention:
                    await RetainAsync(context, cancel);
                    break;
                case SystemHandler.GitSync when gitSync is not null:
                    return await SyncAsync(gitSync, context, cancel);
                case SystemHandler.Vacuum:
                    await store.VacuumAsync(cancel);
                    context.Output.Append("vacuumed the state store\n");
                    break;
                default:
                    return HandlerOutcome.Failed($"unknown system job '{job}'");
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return new HandlerOutcome(Definitions.Runs.RunStatus.Cancelled);
        }

        return HandlerOutcome.Succeeded(null);
    }

    private static async Task<HandlerOutcome> SyncAsync(ReconcileRequests sync, RunContext context, CancellationToken cancel)
    {
        if (await sync.RequestAsync(cancel) is not { } report)
        {
            return HandlerOutcome.Failed("the fetch or the reconcile failed; see the log");
        }

        if (report.Problem is not null)
        {
            context.Output.Append($"not applied: {report.Problem}\n");
            return HandlerOutcome.Failed(report.Problem);
        }

        context.Output.Append(string.Create(CultureInfo.InvariantCulture,
            $"applied {report.Revision}: {report.Files} file(s); added {report.Added.Count}, changed {report.Changed.Count}, invalid {report.Flagged.Count}, retired {report.Retired.Count}, {report.Errors} error(s)\n"));
        return report.Errors > 0
            ? HandlerOutcome.Failed($"{report.Errors} definition error(s) in {report.Revision}; valid files were applied")
            : HandlerOutcome.Succeeded(null);
    }

    private async Task RetainAsync(RunContext context, CancellationToken cancel)
    {
        var now = context.Time.GetUtcNow();
        var cutoff = now - TimeSpan.FromDays(options.MaxAgeDays);
        var byAge = 0;
        for (int deleted; (deleted = await store.DeleteRunsOlderThanAsync(cutoff, options.BatchSize, cancel)) > 0;)
        {
            byAge += deleted;
        }

        var byCount = 0;
        for (int deleted; (deleted = await store.DeleteRunsBeyondPerTaskAsync(options.MaxRunsPerTask, options.BatchSize, cancel)) > 0;)
        {
            byCount += deleted;
        }

        // Notifications and audit entries by their own ages; 0 days keeps them forever.
        var notificationDays = options.NotificationMaxAgeDays ?? options.MaxAgeDays;
        int? notifications = notificationDays > 0
            ? await store.DeleteNotificationsOlderThanAsync(now - TimeSpan.FromDays(notificationDays), options.BatchSize, cancel)
            : null;
        int? audit = options.AuditMaxAgeDays > 0
            ? await store.DeleteAuditOlderThanAsync(now - TimeSpan.FromDays(options.AuditMaxAgeDays), options.BatchSize, cancel)
            : null;

        context.Output.Append(string.Create(CultureInfo.InvariantCulture,
            $"deleted {byAge} run(s) older than {options.MaxAgeDays} days and {byCount} beyond {options.MaxRunsPerTask} per task, " +
            $"{Aged(notifications, "notification(s)", notificationDays)} and {Aged(audit, "audit entr(ies)", options.AuditMaxAgeDays)}\n"));
    }

    private static string Aged(int? deleted, string what, int days) =>
        deleted is { } count
            ? string.Create(CultureInfo.InvariantCulture, $"{count} {what} older than {days} days")
            : $"no {what} (kept forever)";
}
