// Kept as in Bench.Common (brace style included), so a diff against the original stays empty but for names.
#pragma warning disable IDE0011

namespace Scheduler.Benchmarks.Fire;

internal sealed record W1Stats(
    long Expected, long Executed, long OffSlot, long Duplicates, long LateAfterCutoff,
    double MinMs, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs, double MeanMs,
    double Le1ms, double Le10ms, double Le100ms, double Le1s,
    long StartedInWindowCount, double StartedP50Ms, double StartedP99Ms, double StartedMaxMs);

/// <summary>
/// W1 scoring, copied unchanged from ../shared/peers-bench/Bench.Common so our figures mean what the peers' do.
/// W1 scoring. The window [ws, we) holds (we-ws)/1s slots; every job owes one run per slot, so
/// expected = N x slots. A record counts as executed when its scheduled time is exactly a slot
/// in the window and its actual start is at or before the cutoff (window end + drain).
/// Lateness = actual start - slot, over the first record of each (job, slot).
/// Records whose scheduled time lies in the window but is not a whole second are "off_slot"
/// (e.g. a misfire policy that re-labels a late run with "now"); they do not count as executed.
/// Separately, "started in window" lateness covers every run whose actual start lies in [ws, we),
/// whatever slot it was for: for a scheduler that runs behind, it shows how far behind it is.
/// </summary>
internal static class W1Analysis
{
    public static W1Stats Analyze(FireRecorder rec, int n, long ws, long we, long cutoff)
    {
        long tps = TimeSpan.TicksPerSecond;
        int slots = (int)((we - ws) / tps);
        long expected = (long)n * slots;
        var seen = new System.Collections.BitArray((int)Math.Min(expected, int.MaxValue));
        int count = rec.StoredCount;
        var (jobIds, sched, start) = rec.Arrays;
        var late = new long[count];
        int k = 0;
        long offSlot = 0, dup = 0, afterCutoff = 0;
        var startedLate = new List<long>();
        for (int i = 0; i < count; i++)
        {
            long st = Volatile.Read(ref start[i]);
            if (st == 0) continue;                 // index claimed, not yet written
            long sc = sched[i];
            if (st >= ws && st < we) startedLate.Add(st - sc);
            if (sc < ws || sc >= we) continue;     // stored only because it started in the window
            if (st > cutoff) { afterCutoff++; continue; }
            long rel = sc - ws;
            if (rel < 0 || sc >= we || rel % tps != 0) { offSlot++; continue; }
            int slot = (int)(rel / tps);
            int job = jobIds[i];
            if ((uint)job >= (uint)n) { offSlot++; continue; }
            int bit = (int)((long)job * slots + slot);
            if (seen[bit]) { dup++; continue; }
            seen[bit] = true;
            late[k++] = st - sc;
        }
        Array.Sort(late, 0, k);
        double Ms(long t) => t / (double)TimeSpan.TicksPerMillisecond;
        double Pct(double q) => k == 0 ? double.NaN : Ms(late[Math.Clamp((int)Math.Ceiling(q * k) - 1, 0, k - 1)]);
        double mean = 0;
        long le1 = 0, le10 = 0, le100 = 0, le1000 = 0;
        long t1 = TimeSpan.TicksPerMillisecond, t10 = 10 * t1, t100 = 100 * t1, t1000 = 1000 * t1;
        for (int i = 0; i < k; i++)
        {
            long v = late[i];
            mean += v;
            if (v <= t1) le1++;
            if (v <= t10) le10++;
            if (v <= t100) le100++;
            if (v <= t1000) le1000++;
        }
        mean = k == 0 ? double.NaN : Ms((long)(mean / k));
        double Share(long c) => k == 0 ? double.NaN : (double)c / k;
        startedLate.Sort();
        int m = startedLate.Count;
        double SPct(double q) => m == 0 ? double.NaN : Ms(startedLate[Math.Clamp((int)Math.Ceiling(q * m) - 1, 0, m - 1)]);
        return new W1Stats(expected, k, offSlot, dup, afterCutoff,
            k == 0 ? double.NaN : Ms(late[0]), Pct(0.50), Pct(0.90), Pct(0.99), Pct(0.999),
            k == 0 ? double.NaN : Ms(late[k - 1]), mean,
            Share(le1), Share(le10), Share(le100), Share(le1000),
            m, SPct(0.50), SPct(0.99), m == 0 ? double.NaN : Ms(startedLate[m - 1]));
    }
}
