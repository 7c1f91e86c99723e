using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Scheduler.State.Store;

namespace Scheduler.Engine.Running;

/// <summary>
/// Records the ends of runs in batches: whatever ended while the previous batch was being written goes in the next
/// transaction, so a burst of thousands of short runs costs a few commits instead of one each. An end the store
/// refuses (a full disk, a lost database) is kept and written again every <see cref="RetryDelay"/> until it goes
/// through: no row stays <c>running</c> while nothing runs. A crash before that leaves the run <c>running</c> in
/// the store, where start-up marks it interrupted, as for any run cut short.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The writer lives as long as the process; its token source holds no timer or handle until someone asks for one.")]
internal sealed class EndWriter
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    // Claims wait for the end batch in progress (one writer at a time), but most are written ahead of their slot
    // (EngineOptions.ClaimAhead): larger end batches cost fewer commits, each of which rewrites the pages it touched
    // (at 10,000 tasks due each second, a batch of 1,000 random tasks' ends rewrote most of the Tasks table's pages).
    private const int MaxBatch = 10_000;

    // How many turns of the thread pool the writer waits for more ends while they keep coming (Arrivals.GatherAsync).
    private const int MaxLingerTurns = 256;

    private readonly Channel<(RunFinish Finish, TaskCompletionSource<bool> Done)> _pending =
        Channel.CreateUnbounded<(RunFinish, TaskCompletionSource<bool>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly RunStore _store;
    private readonly TimeProvider _time;
    private readonly StoreHealth _health;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _abandon = new();

    private readonly ChainRoutes _chains;
    private readonly Arrivals _arrived = new(); // ends handed in: what the writer watches while it lets a burst's ends gather

    public EndWriter(RunStore store, TimeProvider time, StoreHealth health, ILogger logger, ChainRoutes chains)
    {
        _chains = chains;
        _store = store;
        _time = time;
        _health = health;
        _logger = logger;
        _ = Task.Run(WriteLoopAsync);
    }

    /// <summary>Completes once the end is written: true when the run ended here, false when it had already ended (or the writer gave up at shutdown).</summary>
    public Task<bool> WriteAsync(RunFinish finish)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Writer.TryWrite((finish, done));
        _arrived.Add();
        return done.Task;
    }

    /// <summary>On shutdown, ends still refused are given up: start-up marks their runs interrupted.</summary>
    public void Abandon() => _abandon.Cancel();

    // Lives as long as the process: idle, it is an await on the channel (no thread, no timer).
    private async Task WriteLoopAsync()
    {
        var batch = new List<(RunFinish Finish, TaskCompletionSource<bool> Done)>();
        while (await _pending.Reader.WaitToReadAsync())
        {
            // A burst's ends go in one transaction rather than the first few at once, and writing after the burst keeps the
            // writer off the cores while the burst's runs start.
            await _arrived.GatherAsync(MaxLingerTurns, static gathered => gathered < MaxBatch);
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            while (!await TryWriteAsync(batch))
            {
                try
                {
                    await Task.Delay(RetryDelay, _time, _abandon.Token);
                }
                catch (OperationCanceledException)
                {
                    batch.ForEach(b => b.Done.TrySetResult(false));
                    break;
                }
            }

            batch.Clear();
        }
    }

    private async Task<bool> TryWriteAsync(List<(RunFinish Finish, TaskCompletionSource<bool> Done)> batch)
    {
        try
        {
            var chained = new List<ChainedRun>();
            var written = await _store.FinishBatchAsync(batch.ConvertAll(b => b.Finish), CancellationToken.None, chained);
            _health.Accepted();
            if (chained.Count > 0)
            {
                _chains.Queued?.Invoke(chained); // committed with the upstream ends: now the loop may start them
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(written[i]);
            }

            return true;
        }
        catch (InstanceFencedException e)
        {
            // This instance was presumed dead and its runs were taken over (marked interrupted) by whoever fenced it: these
            // ends would change no row, so they are given up at once instead of held (a fenced shutdown must not wait on them).
            EngineLog.StoreFailed(_logger, e);
            batch.ForEach(b => b.Done.TrySetResult(false));
            return true;
        }
        catch (Exception e)
        {
            EngineLog.StoreFailed(_logger, e);
            _health.Refused(e, _time.GetUtcNow());
            return false;
        }
    }
}
