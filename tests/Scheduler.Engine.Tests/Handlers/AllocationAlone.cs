namespace Scheduler.Engine.Tests.Handlers;

/// <summary>
/// Tests that count the process's allocated bytes run apart from every other test: a parallel test's allocations
/// land in the same process-wide counter and made the 200 MB output test fail under a loaded run.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationAlone
{
    public const string Name = "allocation counters, one at a time";
}
