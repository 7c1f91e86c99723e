using LibGit2Sharp;
using Scheduler.Cli;

namespace Scheduler.Planning;

/// <summary>The repository plan reads, opened from a folder in it; every way it can fail is a <see cref="CommandFailedException"/> (exit 2).</summary>
internal sealed class GitRepository : IDisposable
{
    private readonly Repository _repository;

    private GitRepository(Repository repository) => _repository = repository;

    /// <summary>The working tree's root, or null for a bare repository.</summary>
    public string? WorkingDirectory => _repository.Info.IsBare ? null : _repository.Info.WorkingDirectory;

    public static GitRepository Open(string directory, string typed)
    {
        if (!Directory.Exists(directory))
        {
            throw new CommandFailedException($"--repo '{typed}' does not exist (looked in {directory}).");
        }

        // Discover walks up from a subfolder, as git does, so --repo may name any folder inside the repository.
        var gitDirectory = Repository.Discover(directory);
        if (gitDirectory is null)
        {
            throw new CommandFailedException($"--repo '{typed}' is not in a git repository (looked in {directory} and its parents). Run plan inside a clone, or pass --repo PATH-TO-CLONE.");
        }

        try
        {
            return new GitRepository(new Repository(gitDirectory));
        }
        catch (LibGit2SharpException e)
        {
            throw new CommandFailedException($"The git repository at {gitDirectory} cannot be opened: {e.Message}");
        }
    }

    /// <summary>The commit <paramref name="revision"/> names (a branch, tag, sha, <c>origin/main</c>, <c>HEAD~1</c>, …).</summary>
    public (Commit Commit, Revision Revision) Resolve(string revision, string option)
    {
        Commit? commit;
        try
        {
            var found = _repository.Lookup(revision);
            commit = found as Commit ?? found?.Peel<Commit>();
        }
        catch (LibGit2SharpException e)
        {
            // Ambiguous or malformed specs, and objects that do not lead to a commit (a blob's sha).
            throw Unknown(revision, option, e.Message.TrimEnd('.'));
        }

        if (commit is null)
        {
            throw Unknown(revision, option, "no such branch, tag or commit");
        }

        return (commit, new Revision(revision, commit.Sha));
    }

    public void Dispose() => _repository.Dispose();

    private static CommandFailedException Unknown(string revision, string option, string reason) =>
        new($"{option} '{revision}' is not a revision of this repository: {reason}. "
            + "In CI, check out with fetch-depth: 0 so the base branch is there (e.g. origin/main).");
}
