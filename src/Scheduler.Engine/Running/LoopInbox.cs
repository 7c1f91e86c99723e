using System.Threading.Channels;

namespace Scheduler.Engine.Running;

/// <summary>
/// The loop's two mailboxes, commands from outside (apply, run now, cancel) and <see cref="RunEnded"/> messages from
/// the executor, and its sleep: until the next decision instant or a message, whichever comes first.
/// </summary>
internal sealed class LoopInbox(TimeProvider time)
{
    private const int MaxGatherTurns = 256;

    private readonly Channel<Func<Task>> _commands = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<RunEnded> _ended = Channel.CreateUnbounded<RunEnded>(new UnboundedChannelOptions { SingleReader = true });

    // Ends posted so far: what the loop watches while it lets a burst's ends gather (WaitAsync).
    private readonly Arrivals _endsPosted = new();

    public ChannelReader<Func<Task>> Commands => _commands.Reader;

    public ChannelReader<RunEnded> Ended => _ended.Reader;

    /// <summary>The executor's message that a run ended (no longer in the way of its task's next run).</summary>
    public void PostEnded(RunEnded ended)
    {
        _ended.Writer.TryWrite(ended);
        _endsPosted.Add();
    }

    /// <summary>Queues <paramref name="work"/> to run on the loop; the task completes with its result.</summary>
    public Task<T> PostAsync<T>(Func<Task<T>> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _commands.Writer.TryWrite(async () =>
        {
            try
            {
                done.SetResult(await work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    public async Task WaitAsync(DateTimeOffset wakeAt, DateTimeOffset now, CancellationToken stopping)
    {
        var delay = wakeAt - now;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var sleep = Task.Delay(delay, time, wake.Token);
        var command = _commands.Reader.WaitToReadAsync(wake.Token).AsTask();
        var ended = _ended.Reader.WaitToReadAsync(wake.Token).AsTask();

        // The clock may have moved on since `now` was read (a jump, or a test's fake clock advanced in between): a timer
        // made after that would wait the full delay from the new time and the slot would come late.
        if (time.GetUtcNow() < wakeAt && await Task.WhenAny(sleep, command, ended) == ended)
        {
            // While more ends keep coming (a burst's runs ending one after another), one wake handles them all instead of
            // a sleep set up and torn down per run; the gathering stops when the sleep is over or a command came.
            await _endsPosted.GatherAsync(MaxGatherTurns, _ => !sleep.IsCompleted && !command.IsCompleted);
        }

        await wake.CancelAsync();
        await Task.WhenAll(sleep, command, ended).ContinueWith(static _ => { }, TaskScheduler.Default); // observe the cancellations
    }
}
