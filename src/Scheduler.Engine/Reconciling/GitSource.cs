using System.Security.Cryptography;
using System.Text;
using LibGit2Sharp;
using Scheduler.Definitions.Loading;

namespace Scheduler.Engine.Reconciling;

/// <summary>
/// Task files from a branch of a git repository. Fetches into a bare repository under the data folder and
/// reads the files from the fetched commit (never from a working copy), so a force-push is simply followed.
/// A fetch that fails or hangs is reported in the snapshot, and the last applied revision keeps running.
/// </summary>
public sealed class GitSource : IDefinitionSource, IDisposable
{
    private readonly GitSourceOptions _options;
    private readonly string _repositoryPath;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _fetchRequested = new(0, 1);

    public GitSource(GitSourceOptions options, string dataDirectory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (GitSourceOptions.CheckUrl(options.Url) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _options = options;
        _time = time;
        var urlHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(options.Url)))[..12];
        _repositoryPath = System.IO.Path.Combine(dataDirectory, "git", urlHash);
    }

    public string Description => $"git {RedactedUrl} branch {_options.Branch} path {_options.Path}";

    /// <summary>The last commit fetched, whatever came of applying it.</summary>
    public string? LastFetched { get; private set; }

    /// <summary>Asks for a fetch now (a webhook arrived) instead of at the next interval.</summary>
    public void RequestFetch()
    {
        try
        {
            _fetchRequested.Release();
        }
        catch (SemaphoreFullException)
        {
            // one is already pending
        }
    }

    public async Task<SourceSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fetch = Task.Run(() => FetchAndRead(abandon.Token), CancellationToken.None);
        try
        {
            return await fetch.WaitAsync(_options.FetchTimeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // LibGit2Sharp has no timeout of its own; its progress callbacks abort the transfer once this is cancelled.
            await abandon.CancelAsync();
            return SourceSnapshot.Unreadable(
                $"the fetch from {RedactedUrl} did not finish within {Definitions.Values.Durations.Format(_options.FetchTimeout)}; it was abandoned");
        }
    }

    public async Task WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var interval = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(interval.Token, cancellationToken);
        try
        {
            await _fetchRequested.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (interval.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // the interval passed: fetch anyway
        }
    }

    public void Dispose() => _fetchRequested.Dispose();

    private SourceSnapshot FetchAndRead(CancellationToken abandon)
    {
        try
        {
            using var repository = OpenOrInit();
            var fetchOptions = new FetchOptions
            {
                CredentialsProvider = Credentials,
                OnTransferProgress = _ => !abandon.IsCancellationRequested,
                OnProgress = _ => !abandon.IsCancellationRequested,
                Prune = true,
            };
            var refspec = $"+refs/heads/{_options.Branch}:refs/remotes/origin/{_options.Branch}";
            Commands.Fetch(repository, "origin", [refspec], fetchOptions, null);
            var commit = repository.Lookup<Commit>($"refs/remotes/origin/{_options.Branch}");
            if (commit is null)
            {
                return SourceSnapshot.Unreadable($"the branch '{_options.Branch}' does not exist in {RedactedUrl}");
            }

            LastFetched = commit.Sha;
            // A branch without the folder has no tasks (as an empty folder), rather than an unreadable source.
            return new SourceSnapshot(GitTreeFiles.FromCommit(commit, _options.Path) ?? [], commit.Sha[..12]);
        }
        catch (LibGit2SharpException e)
        {
            return SourceSnapshot.Unreadable($"the fetch from {RedactedUrl} failed: {e.Message}");
        }
    }

    private Repository OpenOrInit()
    {
        if (!Repository.IsValid(_repositoryPath))
        {
            Directory.CreateDirectory(_repositoryPath);
            Repository.Init(_repositoryPath, isBare: true);
        }

        var repository = new Repository(_repositoryPath);
        var origin = repository.Network.Remotes["origin"];
        if (origin is null)
        {
            repository.Network.Remotes.Add("origin", _options.Url);
        }
        else if (origin.Url != _options.Url)
        {
            repository.Network.Remotes.Update("origin", r => r.Url = _options.Url);
        }

        return repository;
    }

    private Credentials Credentials(string url, string usernameFromUrl, SupportedCredentialTypes types) =>
        Environment.GetEnvironmentVariable(_options.TokenVariable) is { Length: > 0 } token
            ? new UsernamePasswordCredentials { Username = _options.Username, Password = token }
            : new DefaultCredentials();

    /// <summary>The URL without any user or password embedded in it, for logs and the page.</summary>
    private string RedactedUrl =>
        Uri.TryCreate(_options.Url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? _options.Url.Replace(uri.UserInfo + "@", "", StringComparison.Ordinal)
            : _options.Url;
}
