using Microsoft.Extensions.Logging;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Planning;
using Scheduler.State.Store;

namespace Scheduler.Engine.Running;

/// <summary>Run now: a manual run decided and claimed in the loop's turn, like a slot, with its slot the moment it was asked for.</summary>
internal sealed partial class SlotLoop
{
    public async Task<RunNowResult> RunNowAsync(string taskId, IReadOnlyDictionary<string, string>? given, CancellationToken cancellationToken)
    {
        if (!_tasks.TryGet(taskId, out var slots))
        {
            return new RunNowResult(RunNowOutcome.NotFound, Reason: $"there is no runnable task '{taskId}'");
        }

        if (slots.Task.CheckParameters(given) is { IsValid: false } invalid)
        {
            return new RunNowResult(RunNowOutcome.Invalid, Reason: "some parameters are not valid", Errors: invalid.Errors);
        }

        // A manual run's slot is the moment it was asked for, to the millisecond: two clicks are two runs.
        var now = _time.GetUtcNow();
        var slot = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        _dispatcher.BeginTick();
        await _dispatcher.ReadPausesAsync(needed: true, cancellationToken);
        var verdict = await _dispatcher.DispatchAsync(slots, new OwedRun(slot, RunTrigger.Manual) { Parameters = slots.Task.CheckParameters(given).Values }, fromBacklog: false, cancellationToken);
        if (verdict.Action == DispatchAction.Refuse)
        {
            return new RunNowResult(RunNowOutcome.Refused, Reason: verdict.Reason);
        }

        var ids = await FlushAsync(cancellationToken);
        return ids switch
        {
            null => new RunNowResult(RunNowOutcome.Refused, Reason: $"the state store could not record the run: {_recorder.Health.State.Error}"),
            [.., { } id] => new RunNowResult(RunNowOutcome.Started, id) { Notice = verdict.WaitsFor ?? PauseRule.Notice(_dispatcher.PauseOf(taskId, now), now) },
            _ => new RunNowResult(RunNowOutcome.Refused, Reason: "this slot was already claimed by another run or instance"),
        };
    }
}
