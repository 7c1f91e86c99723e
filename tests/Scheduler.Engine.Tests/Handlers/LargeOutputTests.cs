using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;

namespace Scheduler.Engine.Tests.Handlers;

/// <summary>A run that writes far more than its tail keeps: the memory it costs stays flat.</summary>
[Collection(AllocationAlone.Name)]
public sealed class LargeOutputTests
{
    private readonly CommandRunHandler _command = new();

    [Fact]
    public async Task A_200_MB_line_keeps_the_last_64_KiB_and_counts_every_byte_without_growing_memory()
    {
        const long Bytes = 200_000_000;
        var context = HandlerRuns.Context(HandlerRuns.Task(TestProgram.Command("flood", $"{Bytes}")));
        var totalAllocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var outcome = await _command.RunAsync(context, CancellationToken.None);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - totalAllocatedBefore;
        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal(Bytes, context.Output.TotalBytes);
        var tail = context.Output.ToText();
        Assert.Equal(OutputTail.DefaultCapacity, tail.Length);
        Assert.EndsWith("xxxxEND\n", tail, StringComparison.Ordinal);
        Assert.Equal(OutputTail.DefaultCapacity - 4, tail.Count(c => c == 'x'));

        // Everything this process allocated meanwhile: this class runs apart from the parallel tests (AllocationAlone), so the
        // figure is this run's own, with room for the runtime's own allocations; far below the 200 MB read.
        Assert.True(allocated < 50_000_000, $"allocated {allocated:N0} bytes while reading 200 MB");
    }
}
