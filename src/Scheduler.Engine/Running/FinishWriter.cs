using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Scheduler.State.Store;

namespace Scheduler.Engine.Running;

/// <summary>
/// Records the ends of runs in batches: whatever ended while the previous batch was being written goes in the
/// next transaction, so a burst of thousands of short runs costs a few commits instead of one each. A run
/// stays active (and counted by the overlap policy) until its end is written; a crash before that leaves it
/// <c>running</c> in the store, where start-up marks it interrupted, as for any run cut short.
/// </summary>
internal sealed class FinishWriter
{
    // Claims wait for the end batch in progress (one writer at a time): small batches keep that wait short.
    private const int MaxBatch = 250;

    private readonly Channel<(RunFinish Finish, TaskCompletionSource<bool> Done)> _pending =
        Channel.CreateUnbounded<(RunFinish, TaskCompletionSource<bool>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly RunStore _store;
    private readonly ILogger _logger;

    public FinishWriter(RunStore store, ILogger logger)
    {
        _store = store;
        _logger = logger;
        _ = Task.Run(WriteLoopAsync);
    }

    /// <summary>Completes once the end is written: true when the run ended here, false when it had already ended (or the write failed, logged).</summary>
    public Task<bool> FinishAsync(RunFinish finish)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Writer.TryWrite((finish, done));
        return done.Task;
    }

    // Lives as long as the process: idle, it is an await on the channel (no thread, no timer).
    private async Task WriteLoopAsync()
    {
        var batch = new List<(RunFinish Finish, TaskCompletionSource<bool> Done)>();
        while (await _pending.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                var written = await _store.FinishBatchAsync(batch.ConvertAll(b => b.Finish), CancellationToken.None);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.SetResult(written[i]);
                }
            }
            catch (Exception e)
            {
                // As GuardAsync: a store failure must not stop the engine; the runs stay running in the store until a restart marks them interrupted.
                EngineLog.StoreFailed(_logger, e);
                batch.ForEach(b => b.Done.SetResult(false));
            }

            batch.Clear();
        }
    }
}
