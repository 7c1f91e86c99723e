using Scheduler.Definitions.Model;

namespace Scheduler.Engine.Tests.Accounting;

/// <summary>The invariant itself, for the model and the real engine alike.</summary>
internal static class Coverage
{
    /// <summary>
    /// Each slot of <paramref name="task"/> in (<paramref name="from"/>, <paramref name="to"/>] is the slot of exactly one
    /// row or inside exactly one passed range; no row is for an instant that is not a due slot; a range's count is true.
    /// </summary>
    public static void AssertEachSlotOnce(
        TaskDefinition task, DateTimeOffset from, DateTimeOffset to, IEnumerable<(DateTimeOffset From, DateTimeOffset To, int Count)> rows)
    {
        var due = new List<DateTimeOffset>();
        for (var slot = task.Slots.NextAfter(from); slot is { } s && s.Utc <= to; slot = task.Slots.NextAfter(s.Utc))
        {
            due.Add(s.Utc);
        }

        var covered = new int[due.Count];
        foreach (var row in rows)
        {
            var first = due.BinarySearch(row.From);
            Assert.True(first >= 0, $"a row for {row.From:O}, which is not a due slot");
            var last = due.BinarySearch(row.To);
            var count = (last >= 0 ? last : ~last - 1) - first + 1;
            Assert.True(count == row.Count, $"the row of {row.From:O}..{row.To:O} says {row.Count} slot(s) but holds {count}");
            for (var i = first; i < first + count; i++)
            {
                covered[i]++;
            }
        }

        var wrong = due.Select((s, i) => (s, i)).Where(x => covered[x.i] != 1).Select(x => $"{x.s:O} x{covered[x.i]}").ToList();
        Assert.True(wrong.Count == 0, $"slots not covered exactly once: {string.Join(", ", wrong.Take(10))}");
    }
}
