namespace Scheduler.Engine.Planning;

/// <summary>The dispatch decision for one owed run: what to do, why (for skips and refusals), and which runs a replace stops.</summary>
public sealed record DispatchVerdict(DispatchAction Action, string? Reason = null)
{
    public static readonly DispatchVerdict Claim = new(DispatchAction.Claim);

    public static readonly DispatchVerdict Queue = new(DispatchAction.Queue);

    /// <summary>The runs a <see cref="DispatchAction.Replace"/> stops: the ones of this process, and those of other replicas (asked through the store).</summary>
    public IReadOnlyList<RunInWay> Replaces { get; init; } = [];

    /// <summary>For a claim of a task whose concurrency group is full: what the claimed run waits for, as <c>queued</c> (see <see cref="ConcurrencyRule"/>).</summary>
    public string? WaitsFor { get; init; }
}
