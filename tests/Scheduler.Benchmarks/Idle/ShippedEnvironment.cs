namespace Scheduler.Benchmarks.Idle;

/// <summary>
/// The runtime variables the shipped service definitions set for <c>scheduler serve</c> (deploy/systemd/scheduler.service
/// <c>Environment=</c>, the Dockerfile's <c>ENV</c>, and so the Kubernetes manifests, which run that image): the runtime
/// reads them from the environment only, not from <c>scheduler.runtimeconfig.json</c>. The idle benchmark starts serve
/// with them so it measures serve as it ships (docs/performance.md, idle); <c>--bare</c> leaves them out.
/// Keep in step with the unit and the Dockerfile (SystemdUnitTests and DockerfileTests pin the same values there).
/// </summary>
internal static class ShippedEnvironment
{
    public static IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Every method compiled once, fully optimised: no tier-1 re-compilation minutes into an idle run (methods
        // called once per 10 s heartbeat reach the 30-call threshold after 5 minutes), which grew resident memory.
        ["DOTNET_TieredCompilation"] = "0",
        // A 4 MB gen0 budget: what the periodic duties allocate is collected every few MB instead of piling up to the
        // default budget (sized from the CPU's cache, tens of MB) before the first collection.
        ["DOTNET_GCgen0size"] = "0x400000",
    };
}
