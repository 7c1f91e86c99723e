using System.Runtime.ExceptionServices;

namespace Scheduler.Definitions.Loading;

/// <summary>
/// The files of a listing, read by a helper thread ahead of the caller, where the caller never waits for the helper
/// to get to a file: a file nobody has started yet the caller reads itself. On two idle cores the helper keeps ahead
/// and the caller only parses; on a busy machine, where the helper may not run for milliseconds, the caller reads
/// as a single thread would. (A bounded queue between the two, the first design, made the caller wait for a
/// descheduled helper: slower than reading everything first when the cores were shared.) Each file is claimed by
/// whoever starts it, so it is read exactly once.
/// </summary>
internal sealed class SharedReads
{
    private const int Unclaimed = 0;
    private const int Reading = 1;
    private const int Done = 2;

    private readonly IReadOnlyList<string> _relatives;
    private readonly Func<string, SourceFile> _read;
    private readonly SourceFile?[] _files;
    private readonly int[] _states;
    private readonly ExceptionDispatchInfo?[] _failures;
    private volatile bool _stopped;

    private SharedReads(IReadOnlyList<string> relatives, Func<string, SourceFile> read)
    {
        _relatives = relatives;
        _read = read;
        _files = new SourceFile?[relatives.Count];
        _states = new int[relatives.Count];
        _failures = new ExceptionDispatchInfo?[relatives.Count];
    }

    /// <summary>The files in listing order; leaving the enumeration early stops the helper and waits for it.</summary>
    public static IEnumerable<SourceFile> InOrder(IReadOnlyList<string> relatives, Func<string, SourceFile> read)
    {
        var reads = new SharedReads(relatives, read);
        var helper = relatives.Count > 1 ? Task.Run(reads.ReadAll) : Task.CompletedTask;
        try
        {
            for (var i = 0; i < relatives.Count; i++)
            {
                yield return reads.Take(i);
            }
        }
        finally
        {
            reads._stopped = true;
            helper.Wait(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>The helper: every file not yet claimed, from the first on, until the end or the caller stops.</summary>
    private void ReadAll()
    {
        for (var i = 0; i < _files.Length && !_stopped; i++)
        {
            if (Interlocked.CompareExchange(ref _states[i], Reading, Unclaimed) == Unclaimed)
            {
                ReadOne(i);
            }
        }
    }

    private SourceFile Take(int index)
    {
        if (Interlocked.CompareExchange(ref _states[index], Reading, Unclaimed) == Unclaimed)
        {
            ReadOne(index); // not started yet: reading it here is quicker than waiting for the helper to come to it
        }
        else
        {
            // The helper is in the middle of this one file (or done): a wait of one read at most.
            var wait = new SpinWait();
            while (Volatile.Read(ref _states[index]) != Done)
            {
                wait.SpinOnce();
            }
        }

        _failures[index]?.Throw();
        var file = _files[index]!;
        _files[index] = null; // the caller owns it now; the array need not keep every file alive
        return file;
    }

    private void ReadOne(int index)
    {
        try
        {
            _files[index] = _read(_relatives[index]);
        }
        catch (Exception e)
        {
            // Not a file's I/O error (those are part of the SourceFile): a bug, surfaced on the caller's thread.
            _failures[index] = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            Volatile.Write(ref _states[index], Done);
        }
    }
}
