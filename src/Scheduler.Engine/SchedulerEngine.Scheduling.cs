using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Planning;
using Scheduler.Engine.Running;
using Scheduler.State.Store;

namespace Scheduler.Engine;

/// <summary>Keeping the queue of next slots in step with the definitions, and firing what is due.</summary>
public sealed partial class SchedulerEngine
{
    private async Task ApplyCoreAsync(IReadOnlyCollection<ScheduledTask> tasks, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var wanted = tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);
        foreach (var gone in _tasks.Keys.Where(id => !wanted.ContainsKey(id)).ToList())
        {
            _tasks.Remove(gone); // its queue entry goes stale; its active runs finish
        }

        // One read of every task and one transaction for the new ones' marks: a set of thousands of new tasks took
        // a read and a commit each.
        var records = tasks.Any(t => !_tasks.ContainsKey(t.Id))
            ? (await _store.ListTasksAsync(cancellationToken)).ToDictionary(t => t.Id, StringComparer.Ordinal)
            : [];
        var marks = new List<TaskAdvance>();
        foreach (var task in tasks)
        {
            if (_tasks.TryGetValue(task.Id, out var known))
            {
                // A changed schedule, or a task enabled again, owes nothing from before: its slots count from now.
                var before = known.Task.Definition;
                if ((!SameSlots(before.Schedule, task.Definition.Schedule) || (!before.Enabled && task.Definition.Enabled)) && known.Watermark < now)
                {
                    known.Watermark = now;
                }

                known.Task = task;
                Reschedule(known);
                continue;
            }

            var record = records.GetValueOrDefault(task.Id);
            var watermark = record?.LastSlotUtc ?? now;
            var slots = new TaskSlots(task, watermark);
            _tasks.Add(task.Id, slots);
            Reschedule(slots);
            if (record?.LastSlotUtc is null)
            {
                marks.Add(new TaskAdvance(task.Id, watermark, slots.Next));
            }

            MatchPendingRetries(slots);
        }

        if (marks.Count > 0)
        {
            await GuardAsync(() => _store.ClaimBatchAsync([], marks, _options.Instance, cancellationToken));
        }
    }

    /// <summary>
    /// True when two schedules give the same slots. Not record equality: every reconcile parses the files
    /// again, and the slot calculators it builds are new objects each time.
    /// </summary>
    private static bool SameSlots(Definitions.Model.ScheduleDefinition a, Definitions.Model.ScheduleDefinition b) =>
        (a.Kind, a.Text, a.CronExpression, a.TimeZoneId) == (b.Kind, b.Text, b.CronExpression, b.TimeZoneId);

    /// <summary>Queues the task's first due slot after its watermark; a disabled task stays known (for run-now) but unqueued.</summary>
    private void Reschedule(TaskSlots slots)
    {
        var definition = slots.Task.Definition;
        slots.Next = definition.Enabled ? definition.Slots.NextAfter(slots.Watermark)?.Utc : null;
        if (slots.Next is { } next)
        {
            _due.Enqueue(slots.Task.Id, next);
        }
    }

    private async Task FireDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var batch = new ClaimBatch();
        IReadOnlySet<string>? runningElsewhere = null; // read once per tick, and only when a task's overlap policy asks
        while (_due.TryPeek(out var taskId, out var due) && due <= now && !cancellationToken.IsCancellationRequested)
        {
            _due.Dequeue();
            if (!_tasks.TryGetValue(taskId, out var slots) || slots.Next != due)
            {
                continue; // stale: the task was removed or rescheduled since
            }

            var plan = SlotPlanner.Plan(slots.Task.Definition, slots.Watermark, now, _options.MissedAfter);
            if (plan.Passed > 0)
            {
                EngineLog.SlotsPassed(_logger, taskId, plan.Passed, plan.PassedReason ?? "missed");
                PublishPassed(slots.Task, plan, now);
            }

            slots.Watermark = plan.Watermark;
            slots.Next = plan.Next;
            var isSystem = slots.Task.Definition.Handler is SystemTasks.SystemHandler;
            var trigger = plan.Runs.Count == 1 ? (isSystem ? RunTrigger.System : plan.Runs[0].Trigger) : RunTrigger.Schedule;
            if (plan.Runs.Count == 1 && slots.Backlog.Count == 0 && (!HasActiveRun(taskId) || IsSkippedForOverlap(slots, trigger))
                && (slots.Task.Definition.Overlap == OverlapPolicy.Allow
                    || !(runningElsewhere ??= await TasksRunningElsewhereAsync(cancellationToken)).Contains(taskId)))
            {
                // The common cases, one run of a quiet task or an on-time slot that overlap: forbid skips: claimed (or
                // recorded skipped) with the other due tasks in one transaction.
                var skip = HasActiveRun(taskId) ? ForbiddenBy(taskId) : null;
                batch.Add(slots.Task, new SlotClaim(taskId, plan.Runs[0].Slot, 1, trigger, slots.Task.Revision, now, skip),
                    new TaskAdvance(taskId, plan.Watermark, plan.Next));
                if (batch.IsFull)
                {
                    await ClaimAndStartAsync(batch, cancellationToken);
                }
            }
            else
            {
                await DispatchOneByOneAsync(slots, plan, isSystem, cancellationToken);
            }

            if (plan.Next is { } n)
            {
                _due.Enqueue(taskId, n);
            }
        }

        await ClaimAndStartAsync(batch, cancellationToken);
    }

    /// <summary>Tasks with a run on another replica (none on a store of one); a store that fails to answer gives none, as the claim will fail too.</summary>
    private async Task<IReadOnlySet<string>> TasksRunningElsewhereAsync(CancellationToken cancellationToken)
    {
        IReadOnlySet<string> tasks = new HashSet<string>();
        await GuardAsync(async () => tasks = await _store.ListTasksRunningElsewhereAsync(_options.Instance, cancellationToken));
        return tasks;
    }

    /// <summary>Several runs for one task, or a task with an active run or a backlog: the overlap policy decides run by run.</summary>
    private async Task DispatchOneByOneAsync(TaskSlots slots, SlotPlan plan, bool isSystem, CancellationToken cancellationToken)
    {
        foreach (var run in plan.Runs)
        {
            var trigger = isSystem ? RunTrigger.System : run.Trigger;
            if (MustWaitForActiveRun(slots, trigger))
            {
                slots.Backlog.Enqueue(new PendingDispatch(run.Slot, trigger, 1));
                continue;
            }

            await DispatchAsync(slots.Task, run.Slot, trigger, attempt: 1, cancellationToken);
        }

        var taskId = slots.Task.Id;
        await GuardAsync(async () =>
        {
            await _store.AdvanceLastSlotAsync(taskId, plan.Watermark, cancellationToken);
            await _store.SetNextSlotAsync(taskId, plan.Next, cancellationToken);
        });
    }

    private async Task FireRetriesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        while (_retries.TryPeek(out var retry, out var due) && due <= now && !cancellationToken.IsCancellationRequested)
        {
            _retries.Dequeue();
            if (!_tasks.TryGetValue(retry.TaskId, out var slots))
            {
                continue;
            }

            if (MustWaitForActiveRun(slots, RunTrigger.Retry))
            {
                slots.Backlog.Enqueue(new PendingDispatch(retry.Slot, RunTrigger.Retry, retry.Attempt));
                continue;
            }

            await DispatchAsync(slots.Task, retry.Slot, RunTrigger.Retry, retry.Attempt, cancellationToken);
        }
    }

    private static bool IsSkippedForOverlap(TaskSlots slots, RunTrigger trigger) =>
        slots.Task.Definition.Overlap == Definitions.Model.OverlapPolicy.Forbid && trigger is RunTrigger.Schedule;

    /// <summary>
    /// Under overlap forbid, catch-up runs and retries are owed, not optional: they wait for the task's active
    /// run (or backlog) instead of being skipped. An on-time slot still follows the policy and is skipped.
    /// </summary>
    private bool MustWaitForActiveRun(TaskSlots slots, RunTrigger trigger) =>
        trigger is RunTrigger.CatchUp or RunTrigger.Retry or RunTrigger.System
        && slots.Task.Definition.Overlap == Definitions.Model.OverlapPolicy.Forbid
        && (slots.Backlog.Count > 0 || HasActiveRun(slots.Task.Id));

    /// <summary>After a run of the task ended: start the next owed run of its backlog, if any.</summary>
    private async Task DispatchBacklogAsync(string taskId, CancellationToken cancellationToken)
    {
        if (_tasks.TryGetValue(taskId, out var slots) && slots.Backlog.TryDequeue(out var owed)
            && !HasActiveRun(taskId))
        {
            await DispatchAsync(slots.Task, owed.Slot, owed.Trigger, owed.Attempt, cancellationToken);
        }
    }

    private void ScheduleRetryIfOwed(ScheduledTask task, DateTimeOffset slot, int attempt, RunStatus status, DateTimeOffset finishedAt)
    {
        var retry = task.Definition.Retry;
        if (status is not (RunStatus.Failed or RunStatus.TimedOut) || attempt > retry.Attempts)
        {
            return;
        }

        var delay = retry.DelayBefore(attempt);
        _retries.Enqueue(new RetryItem(task.Id, slot, attempt + 1), finishedAt + delay);
        EngineLog.RetryScheduled(_logger, task.Id, slot, attempt + 1, delay);
    }
}
