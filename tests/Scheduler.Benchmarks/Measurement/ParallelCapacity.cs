using System.Diagnostics;

namespace Scheduler.Benchmarks.Measurement;

/// <summary>
/// How many cores the process actually got: the same pure-CPU loop on one thread, then on every core
/// at once. On a shared machine (CI runners, VMs, colleagues' builds) the cores
/// <see cref="Environment.ProcessorCount"/> reports may be busy, and a parallel variant then shows no
/// speed-up, or a loss, that says nothing about the code. Without this figure a parallel result cannot be read.
/// </summary>
internal static class ParallelCapacity
{
    private const int Rounds = 50_000_000;

    /// <summary>Work done per second on all cores over work per second on one: about the core count when the machine is idle.</summary>
    public static double Measure()
    {
        Spin(); // JIT
        var one = Time(() => Spin());
        var cores = Environment.ProcessorCount;
        var all = Time(() => Parallel.For(0, cores, new ParallelOptions { MaxDegreeOfParallelism = cores }, _ => Spin()));
        return cores * one / all;
    }

    private static double Time(Action action)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var started = Stopwatch.GetTimestamp();
            action();
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return best;
    }

    private static long Spin()
    {
        var state = 1L;
        for (var i = 0; i < Rounds; i++)
        {
            state += i ^ (state >> 3);
        }

        return state;
    }
}
