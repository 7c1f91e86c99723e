namespace Scheduler.Engine.Running;

/// <summary>How the engine runs (<c>Scheduler:Engine</c> in appsettings.json).</summary>
public sealed class EngineOptions
{
    /// <summary>This process's name in the store; a restart under the same name recovers its own unfinished runs.</summary>
    public string Instance { get; set; } = Environment.MachineName.ToLowerInvariant();

    /// <summary>Runs executing at once across all tasks; further runs wait, claimed, for a free place.</summary>
    public int MaxConcurrentRuns { get; set; } = 16;

    /// <summary>
    /// How long before a slot its run is claimed (its row written <c>running</c>, started at the slot), so that at the slot
    /// only handlers start: a tick of thousands of runs otherwise started its last runs only once all their rows were
    /// written. Only a task with nothing in the way (no run of it here, on another replica, or in its backlog) is claimed
    /// ahead; the others are decided at their slot. Zero claims every run at its slot.
    /// </summary>
    public TimeSpan ClaimAhead { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A slot found due later than this was missed (downtime, suspend, clock jump) and follows the task's catch-up policy.</summary>
    public TimeSpan MissedAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// On shutdown (SIGTERM, Ctrl-C), how long the runs in progress go on, untouched, while nothing new is claimed;
    /// what is still running after it is stopped within <see cref="ShutdownGrace"/>. Zero stops them at once.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>On shutdown, after the drain, how long running runs get to stop (after their own TERM/kill-grace/KILL) before they are recorded as interrupted.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bytes of output kept per run.</summary>
    public int OutputTailBytes { get; set; } = Handlers.OutputTail.DefaultCapacity;

    /// <summary>How often a running run's output is written to the store, so the page can show it live.</summary>
    public TimeSpan OutputFlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The scheduler's environment variables runs get besides the basics (<c>Scheduler:Runs:PassEnvironment</c>, set by serve).</summary>
    public Handlers.PassEnvironment PassEnvironment { get; set; } = Handlers.PassEnvironment.None;

    /// <summary>A process that has not heartbeated for this long is dead; its running runs become interrupted.</summary>
    public TimeSpan InstanceLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// With replicas, how long a due slot waits for the replica that owns its task (<see cref="SlotShare"/>) before any
    /// other may claim it: how late the slots of a dead, stalled or draining replica run until its lease runs out.
    /// </summary>
    public TimeSpan ClaimGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a chained run stays <c>queued</c> before this process starts it (default none). A testing aid: with it, a
    /// test can stop the scheduler between an upstream's end and its downstream's start, where a crash could land.
    /// </summary>
    public TimeSpan ChainStartDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// The server's default of <c>suspend-after-failures</c> (<c>Scheduler:Runs:SuspendAfterFailures</c>) for tasks that do
    /// not set it; null: tasks are never suspended unless they say so.
    /// </summary>
    public int? SuspendAfterFailures { get; set; }
}
