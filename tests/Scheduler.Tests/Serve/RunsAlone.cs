namespace Scheduler.Tests.Serve;

/// <summary>
/// The end-to-end serve tests run one at a time, apart from every other test: they start real processes that
/// fire every second, and on a small machine two of them at once would turn timing into flakiness.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "serve processes, one at a time";
}
