namespace Scheduler.Benchmarks.Idle;

/// <summary>CPU and resident memory of the idle serve, one row per interval of the window, to show whether either grows.</summary>
internal static class IdleSamples
{
    public static IReadOnlyList<IdleSample> Take(ServeProcess serve, int durationS, int sampleS)
    {
        var samples = new List<IdleSample>();
        var elapsed = 0;
        var cpu = serve.CpuSeconds();
        while (elapsed < durationS)
        {
            var step = Math.Min(sampleS, durationS - elapsed);
            Thread.Sleep(TimeSpan.FromSeconds(step));
            elapsed += step;
            var now = serve.CpuSeconds();
            samples.Add(new IdleSample(elapsed, (now - cpu) / step * 100, serve.Memory().RssMb));
            cpu = now;
        }

        return samples;
    }
}
