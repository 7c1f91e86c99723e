namespace Scheduler.Benchmarks.Page;

/// <summary>What was measured of one page kind: client and server times, bytes, the first request, or why it was not measured.</summary>
internal sealed class KindResult
{
    public List<double> ClientMs { get; } = [];

    public List<double> ServerMs { get; } = [];

    public double ColdMs { get; init; }

    /// <summary>Why the kind was not measured: its first request did not answer 200.</summary>
    public string? Error { get; init; }

    public int Bytes { get; set; }

    /// <summary>serve's CPU time per request of this kind, in ms (<see cref="RequestCpu"/>).</summary>
    public double? CpuMs { get; set; }
}
