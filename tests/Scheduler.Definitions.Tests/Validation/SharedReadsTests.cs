using System.Collections.Concurrent;
using Scheduler.Definitions.Loading;

namespace Scheduler.Definitions.Tests.Validation;

/// <summary>
/// The read-ahead of <c>validate</c> shares the reads between a helper thread and the caller: every file is read
/// once, handed over in listing order, and a slow helper never holds the caller up.
/// </summary>
public sealed class SharedReadsTests
{
    [Fact]
    public void A_slow_helper_does_not_hold_the_caller_up_and_every_file_is_read_once_in_order()
    {
        var names = Enumerable.Range(0, 200).Select(i => $"job-{i:D3}.yaml").ToList();
        var caller = Environment.CurrentManagedThreadId;
        var reads = new ConcurrentDictionary<string, int>();
        var byCaller = 0;

        var files = SharedReads.InOrder(names, name =>
        {
            reads.AddOrUpdate(name, 1, (_, n) => n + 1);
            if (Environment.CurrentManagedThreadId == caller)
            {
                Interlocked.Increment(ref byCaller);
            }
            else
            {
                Thread.Sleep(2); // a helper that the machine hardly lets run
            }

            return new SourceFile(name, name, ReadOnlyMemory<byte>.Empty);
        }).ToList();

        Assert.Equal(names, files.Select(f => f.RelativePath));
        Assert.All(names, name => Assert.Equal(1, reads[name]));
        Assert.True(byCaller > 0, "the caller waited for the helper instead of reading files itself");
    }

    [Fact]
    public void A_failure_of_the_reader_itself_surfaces_on_the_callers_thread()
    {
        var names = Enumerable.Range(0, 50).Select(i => $"job-{i:D2}.yaml").ToList();

        var error = Assert.Throws<InvalidOperationException>(() => SharedReads.InOrder(names, name =>
            name == "job-30.yaml" ? throw new InvalidOperationException("broken") : new SourceFile(name, name, ReadOnlyMemory<byte>.Empty)).ToList());

        Assert.Equal("broken", error.Message);
    }
}
