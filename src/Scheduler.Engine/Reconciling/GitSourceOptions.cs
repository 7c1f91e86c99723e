namespace Scheduler.Engine.Reconciling;

/// <summary>Where <c>serve --git</c> pulls task files from (<c>Scheduler:Git</c> settings, overridden by the flags).</summary>
public sealed class GitSourceOptions
{
    /// <summary>An https:// URL, a file:// URL or a local path. ssh:// and git@ are refused (LibGit2Sharp has no SSH).</summary>
    public required string Url { get; init; }

    public string Branch { get; init; } = "main";

    /// <summary>The folder inside the repository that holds the task files.</summary>
    public string Path { get; init; } = "schedules";

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A fetch still going after this is abandoned and reported; the last applied revision keeps running.</summary>
    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The environment variable holding an https token (never the token itself: settings end up in logs and git).</summary>
    public string TokenVariable { get; init; } = "SCHEDULER_GIT_TOKEN";

    /// <summary>The user name sent with the token (GitHub accepts any; GitLab wants "oauth2").</summary>
    public string Username { get; init; } = "git";

    /// <summary>Null when the URL can be used; otherwise what is wrong with it and what to use instead.</summary>
    public static string? CheckUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var scpLike = !url.Contains("://", StringComparison.Ordinal) && url.Contains('@', StringComparison.Ordinal) && url.Contains(':', StringComparison.Ordinal);
        if (url.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("git@", StringComparison.OrdinalIgnoreCase) || scpLike)
        {
            return $"'{url}' is an SSH URL, and the git library the scheduler uses (LibGit2Sharp) has no SSH support. " +
                "Use the https:// URL with a token in the environment variable named by Scheduler:Git:TokenVariable (default SCHEDULER_GIT_TOKEN), " +
                "or a local path or file:// URL of a clone that something else keeps fresh.";
        }

        return url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("file://", StringComparison.OrdinalIgnoreCase) || !url.Contains("://", StringComparison.Ordinal)
            ? null
            : $"'{url}' uses a transport the scheduler cannot fetch from; use https://, file:// or a local path.";
    }
}
