using Scheduler.Engine.Handlers;

namespace Scheduler.Engine.Running;

/// <summary>
/// A running run's output written to the store every flush interval, so the page can show it live. Only a handler
/// that did not end at once gets the flusher and its timer: a burst of in-process runs creates none.
/// </summary>
internal static class LiveOutput
{
    public static async Task<HandlerOutcome> WhileRunningAsync(ActiveRun run, Task<HandlerOutcome> running, RunRecorder recorder, TimeSpan interval, TimeProvider time)
    {
        using var flushing = new CancellationTokenSource();
        var flusher = FlushAsync(run, recorder, interval, time, flushing.Token);
        try
        {
            return await running;
        }
        finally
        {
            await flushing.CancelAsync();
            await flusher;
        }
    }

    private static async Task FlushAsync(ActiveRun run, RunRecorder recorder, TimeSpan interval, TimeProvider time, CancellationToken done)
    {
        var written = 0L;
        try
        {
            while (true)
            {
                await Task.Delay(interval, time, done);
                if (run.Output.TotalBytes != written)
                {
                    written = run.Output.TotalBytes;
                    await recorder.UpdateOutputAsync(run, written, done);
                }
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // the run ended; its end writes the final tail
        }
    }
}
