using System.Security.Cryptography;
using System.Text;
using Scheduler.Definitions.Loading;

namespace Scheduler.Engine.Reconciling;

/// <summary>
/// A schedules folder, watched with a <see cref="FileSystemWatcher"/> for quick reaction; the caller also
/// rescans periodically because watchers drop events (overflow, network file systems, editors that swap files).
/// </summary>
public sealed class FolderSource : IDefinitionSource, IDisposable
{
    private readonly string _root;
    private readonly string _displayBase;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _changed = new(0, 1);
    private FileSystemWatcher? _watcher;

    public FolderSource(string root, string displayBase, TimeProvider time)
    {
        _root = Path.GetFullPath(root);
        _displayBase = displayBase;
        _time = time;
        TryWatch();
    }

    public string Description => $"folder {Path.GetRelativePath(_displayBase, _root)}";

    public Task<SourceSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!Directory.Exists(_root))
            {
                _watcher?.Dispose(); // it watched the folder that is gone; a new one is made when it is back
                _watcher = null;
                return Task.FromResult(SourceSnapshot.Unreadable($"the schedules folder {_root} does not exist"));
            }

            var files = TaskFolder.Read(_root, _displayBase);
            TryWatch(); // the folder may have (re)appeared since the last read
            return Task.FromResult(new SourceSnapshot(files, RevisionOf(files)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(SourceSnapshot.Unreadable($"the schedules folder {_root} cannot be read: {e.Message}"));
        }
    }

    public async Task WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, cancellationToken);
        try
        {
            await _changed.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // the periodic rescan
        }
    }

    /// <summary>A name for the folder's content: the same files and bytes give the same revision.</summary>
    public static string RevisionOf(IReadOnlyList<SourceFile> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files.OrderBy(f => f.RelativePath, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file.RelativePath + "\0"));
            hash.AppendData(file.Content.Span);
            hash.AppendData("\0"u8);
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _changed.Dispose();
    }

    private void TryWatch()
    {
        if (_watcher is not null || !Directory.Exists(_root))
        {
            return;
        }

        try
        {
            var watcher = new FileSystemWatcher(_root)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += (_, _) => Signal();
            watcher.Created += (_, _) => Signal();
            watcher.Deleted += (_, _) => Signal();
            watcher.Renamed += (_, _) => Signal();
            watcher.Error += (_, _) => Signal(); // an overflow: rescan everything
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // No watcher (inotify limit, odd file system): the periodic rescan still applies changes.
        }
    }

    private void Signal()
    {
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // a change is already pending
        }
        catch (ObjectDisposedException)
        {
            // shutting down
        }
    }
}
