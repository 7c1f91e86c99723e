using System.Globalization;

namespace Scheduler.Benchmarks.Page;

/// <summary>
/// The runs of every task, merged across tasks oldest first, as a scheduler would have recorded them (so ids
/// interleave across tasks as in a real store). Task i's slots are <c>LastSlot - j * Interval</c> for
/// j = 0 (the latest) and back until it has <c>Runs</c> rows; a failed attempt sometimes gets a retry row.
/// </summary>
internal static class RunGenerator
{
    private static readonly string LongOutput = string.Concat(Enumerable.Range(0, 40).Select(i => string.Create(CultureInfo.InvariantCulture, $"batch {i:D3}: 2500 rows copied, 0 rejected, checkpoint written\n")));

    public static IEnumerable<GeneratedRun> InTimeOrder(IReadOnlyList<SeededTask> tasks)
    {
        // Per task: the oldest slot index j it starts from, and whether that first slot's retry is dropped to hit Runs exactly.
        var queue = new PriorityQueue<(int Task, long J, bool Trim), long>(tasks.Count);
        for (var i = 0; i < tasks.Count; i++)
        {
            var task = tasks[i];
            long rows = 0, j = -1;
            while (rows < task.Runs)
            {
                j++;
                rows += Outcome(i, task, j).Rows;
            }

            if (j >= 0)
            {
                queue.Enqueue((i, j, rows > task.Runs), SlotMs(task, j));
            }
        }

        while (queue.TryDequeue(out var next, out _))
        {
            var (i, j, trim) = next;
            var task = tasks[i];
            foreach (var run in Rows(i, task, j, trim))
            {
                yield return run;
            }

            if (j > 0)
            {
                queue.Enqueue((i, j - 1, false), SlotMs(task, j - 1));
            }
        }
    }

    private static long SlotMs(SeededTask task, long j) => (task.LastSlot - (task.Interval * j)).ToUnixTimeMilliseconds() / 1000 * 1000;

    private static (string Trigger, string Status, int Rows) Outcome(int i, SeededTask task, long j)
    {
        var trigger = RowHash.Unit(i, j, 0) switch
        {
            < 0.03 => "manual",
            < 0.05 => "catch-up",
            _ => "schedule",
        };
        if (j < task.FailingTail)
        {
            return (trigger, "failed", 1);
        }

        var status = RowHash.Unit(i, j, 1) switch
        {
            < 0.90 => "succeeded",
            < 0.94 => "failed",
            < 0.95 => "timed-out",
            < 0.975 => "skipped",
            < 0.99 => "cancelled",
            _ => "interrupted",
        };
        var retry = status == "failed" && RowHash.Unit(i, j, 2) < 0.5;
        return (trigger, status, retry ? 2 : 1);
    }

    private static IEnumerable<GeneratedRun> Rows(int i, SeededTask task, long j, bool trim)
    {
        var (trigger, status, rows) = Outcome(i, task, j);
        var slot = SlotMs(task, j) + (trigger == "manual" ? 17_000 : 0);
        var typical = 200 + (RowHash.Unit(i, -2, 3) * RowHash.Unit(i, -2, 4) * 120_000); // a task's usual duration, ms
        yield return Run(i, trigger, slot, 1, status, typical, j);
        if (rows == 2 && !trim)
        {
            yield return Run(i, "retry", slot, 2, RowHash.Unit(i, j, 5) < 0.7 ? "succeeded" : "failed", typical, j);
        }
    }

    private static GeneratedRun Run(int i, string trigger, long slot, int attempt, string status, double typical, long j)
    {
        if (status == "skipped")
        {
            return new GeneratedRun(i, trigger, slot, attempt, status, null, slot, null, "", 0, "overlap: forbid: the previous run was still running");
        }

        var late = trigger == "catch-up" ? 60_000 + (long)(RowHash.Unit(i, j, 6) * 3_600_000) : 3 + (long)(RowHash.Unit(i, j, 6) * 900);
        var started = slot + late + (attempt - 1) * 60_000;
        var duration = status == "timed-out" ? 300_000 : (long)(typical * (0.5 + RowHash.Unit(i, j, 7 + attempt)));
        var long_ = RowHash.Unit(i, j, 10) < 0.01;
        var (exit, tail, error) = status switch
        {
            "succeeded" => ((int?)0, long_ ? LongOutput : string.Create(CultureInfo.InvariantCulture, $"processed {(int)(duration * 7.3)} rows in {duration} ms\nwrote ./data/out/{i}-{j}.csv\n"), (string?)null),
            "failed" => (1, "connecting to db.internal:5432\nerror: connection refused\n", "exited with code 1"),
            "timed-out" => (null, "batch 001: 2500 rows copied\n", "timed out after 5m; killed after the kill grace"),
            "cancelled" => (143, "received SIGTERM, stopping\n", "cancelled from 10.0.0.5 via page"),
            _ => (null, "batch 001: 2500 rows copied\n", "the scheduler stopped before the run finished"),
        };
        var bytes = long_ ? 180_000 + (long)(RowHash.Unit(i, j, 11) * 100_000) : tail.Length;
        return new GeneratedRun(i, trigger, slot, attempt, status, started, started + duration, exit, tail, bytes, error);
    }
}
