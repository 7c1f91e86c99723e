using Scheduler.Definitions.Diagnostics;

namespace Scheduler.Definitions.Model;

/// <summary>
/// A task that runs after others (<c>schedule: { after: [a, b], on: success, wait-for: any }</c>): the upstream task ids
/// in file order, the outcome that starts it and how it waits for several. <see cref="At"/> is where <c>after</c>'s
/// value stands in the file, where cross-file problems (an unknown upstream, a cycle) are reported.
/// </summary>
public sealed record ChainDefinition(IReadOnlyList<string> Upstreams, ChainOutcome On, ChainWaitFor WaitFor, SourcePosition At)
{
    public static string Name(ChainOutcome outcome) => outcome.ToString().ToLowerInvariant();

    public static string Name(ChainWaitFor waitFor) => waitFor.ToString().ToLowerInvariant();

    /// <summary>"a, b (on success, wait for any)": how plan, next and the page say it.</summary>
    public string Describe()
    {
        var list = string.Join(", ", Upstreams);
        var waits = Upstreams.Count > 1 ? $", wait for {Name(WaitFor)}" : "";
        return $"{list} (on {Name(On)}{waits})";
    }

    /// <summary>True when an upstream run that ended with <paramref name="status"/> at <paramref name="lastAttempt"/> counts.</summary>
    public bool Counts(Runs.RunStatus status, bool lastAttempt) => On switch
    {
        ChainOutcome.Success => status == Runs.RunStatus.Succeeded,
        ChainOutcome.Failure => lastAttempt && status is Runs.RunStatus.Failed or Runs.RunStatus.TimedOut,
        _ => status is Runs.RunStatus.Succeeded or Runs.RunStatus.Cancelled
            || (lastAttempt && status is Runs.RunStatus.Failed or Runs.RunStatus.TimedOut),
    };
}
