using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scheduler.Definitions.Runs;
using Scheduler.State.Store;
using Scheduler.Web.Status;

namespace Scheduler.Web.Live;

/// <summary>
/// The one loop behind every open <c>/events</c> stream: while at least one stream listens, it reads the store's
/// <see cref="StoreSignature"/> once per <see cref="Interval"/> and, when it differs, moves <see cref="Version"/>
/// on and wakes every stream. With nothing changing, 200 open streams cost one small query a second and no
/// rendering; with no stream open (for <see cref="Linger"/>), nothing at all.
/// </summary>
internal sealed partial class StoreChanges(SchedulerStore store, ServerInfo server, TimeProvider time, ILogger<StoreChanges> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>After the last stream closes or page renders, the loop goes on this long: the next page's stream is on its way.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromSeconds(30);

    /// <summary>How often the streams send a comment, so proxies keep an idle stream open: one beat for all of them, not a timer each.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(25);

    private readonly string _epoch = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
    private DateTimeOffset _lastActivity;

    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _beat = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _lastBeat;
    private StoreSignature? _last;
    private int _listeners;

    /// <summary>Moves on by one at each change seen; a stream compares it with the version it last sent.</summary>
    public long Version { get; private set; }

    /// <summary>This process and its version: a page rendered with it opens its stream with it, and a stream that finds another (a change, or a restarted server) sends every part.</summary>
    public string Stamp => $"{_epoch}.{Version}";

    /// <summary>A page was rendered: keep (or start) reading, so a change before its stream connects is seen.</summary>
    public void Wake()
    {
        lock (_gate)
        {
            _lastActivity = time.GetUtcNow();
            _listening.TrySetResult();
        }
    }

    /// <summary>Completes at the next change after now.</summary>
    public Task NextChange
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>Completes at the next keep-alive beat (every <see cref="KeepAlive"/> while streams listen).</summary>
    public Task NextBeat
    {
        get
        {
            lock (_gate)
            {
                return _beat.Task;
            }
        }
    }

    /// <summary>A stream listens until the returned value is disposed; the loop reads the store only while one does.</summary>
    public IDisposable Listen()
    {
        lock (_gate)
        {
            if (_listeners++ == 0)
            {
                _listening.TrySetResult();
            }
        }

        return new Listener(this);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Task listening;
                lock (_gate)
                {
                    listening = _listening.Task;
                }

                await listening.WaitAsync(stoppingToken);
                await CheckAsync(stoppingToken);
                Beat();
                await Task.Delay(Interval, time, stoppingToken);
                lock (_gate)
                {
                    if (_listeners == 0 && time.GetUtcNow() - _lastActivity > Linger && _listening.Task.IsCompleted)
                    {
                        _listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the host stops
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        StoreSignature signature;
        try
        {
            signature = await ReadAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReadFailed(logger, e); // the store may be briefly away; the streams wait for the next read
            return;
        }

        if (signature == _last)
        {
            return;
        }

        var first = _last is null;
        _last = signature;
        if (first)
        {
            return; // the first look is the baseline: the pages rendered so far show what it read
        }

        TaskCompletionSource changed;
        lock (_gate)
        {
            Version++;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private async Task<StoreSignature> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await store.Contexts.CreateDbContextAsync(cancellationToken);
        var maxRun = await db.Runs.MaxAsync(r => (long?)r.Id, cancellationToken) ?? 0;
        var running = await db.Runs.Where(r => r.Status == RunStatus.Running).Select(r => new { r.Id, r.OutputBytes }).ToListAsync(cancellationToken);
        var tasks = await db.Tasks.CountAsync(cancellationToken);
        var streaks = await db.Tasks.SumAsync(t => (long)t.FailureStreak, cancellationToken);
        var lastRuns = await db.Tasks.SumAsync(t => t.LastRunId ?? 0, cancellationToken);
        var errors = await db.ConfigErrors.CountAsync(cancellationToken);
        return new StoreSignature(
            maxRun, running.Sum(r => r.Id), running.Sum(r => r.OutputBytes), running.Count, tasks, streaks, lastRuns, errors, server.Revision().Attempted);
    }

    private void Beat()
    {
        TaskCompletionSource beat;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now - _lastBeat < KeepAlive)
            {
                return;
            }

            _lastBeat = now;
            beat = _beat;
            _beat = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        beat.TrySetResult();
    }

    private void Leave()
    {
        lock (_gate)
        {
            _listeners--;
            _lastActivity = time.GetUtcNow();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the store for the live page failed; trying again in a second")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    private sealed class Listener(StoreChanges changes) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                changes.Leave();
            }
        }
    }
}
