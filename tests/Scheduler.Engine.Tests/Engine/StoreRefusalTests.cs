using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Tests.Accounting;
using Scheduler.State.Store;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>A store that refuses writes (a full disk, made with SQLite's max_page_count) and then takes them again.</summary>
public sealed class StoreRefusalTests
{
    private const string Every10s = "schedule: { every: 10s }\nshell: x";

    [Fact]
    public async Task A_full_store_is_reported_keeps_the_end_of_a_run_and_leaves_the_missed_slots_to_the_catch_up_policy()
    {
        var limit = new PageLimit();
        await using var h = await EngineHarness.CreateAsync(pageLimit: limit);
        var start = h.Now;
        var engine = await h.StartEngineAsync();
        h.Handler.Script("t", Fate.Block); // the first run is going when the disk fills
        await h.ApplyAsync("t", Every10s);
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        var going = (await h.WaitForCallsAsync("t", 1))[0];

        await using (var db = await h.Store.Contexts.CreateDbContextAsync())
        {
            limit.MaxPages = await db.Database.SqlQueryRaw<long>("SELECT page_count AS \"Value\" FROM pragma_page_count()").SingleAsync();
        }

        for (var i = 0; i < 500 && !engine.Health.State.IsRefusing; i++)
        {
            h.Clock.Advance(TimeSpan.FromSeconds(10)); // skipped slots (overlap: forbid) fill the last pages
            await h.BarrierAsync();
        }

        Assert.True(engine.Health.State.IsRefusing, "the store never filled up");
        Assert.Contains("full", engine.Health.State.Error, StringComparison.OrdinalIgnoreCase);
        going.Context.Output.Append(new string('x', 60_000)); // an end that needs new pages
        going.Release(); // its end cannot be written now: it is kept, and the run stays active until it is
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        await h.BarrierAsync();
        Assert.Equal(1, engine.ActiveRunCount);
        Assert.Equal(RunStatus.Running, (await h.Runs.GetRunAsync(going.Context.RunId, default))!.Status);

        limit.MaxPages = null; // space comes back
        h.Clock.Advance(EndWriterRetry);
        await h.WaitForStatusAsync(going.Context.RunId, RunStatus.Succeeded);
        await h.EventuallyAsync(() => Task.FromResult(engine.Health.State), s => !s.IsRefusing, "the store to take writes again", s => s.Error ?? "-");
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        await h.SettleAsync();
        await h.BarrierAsync();

        var rows = (await h.RunsOfAsync("t")).Where(r => r.Attempt == 1);
        Coverage.AssertEachSlotOnce(TestTasks.Parse(Every10s), start, h.Now, rows.Select(r => (r.SlotUtc, r.PassedToUtc ?? r.SlotUtc, r.PassedCount ?? 1)));
    }

    private static TimeSpan EndWriterRetry => Running.EndWriter.RetryDelay;
}
