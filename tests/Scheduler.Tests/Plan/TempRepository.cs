using LibGit2Sharp;

namespace Scheduler.Tests.Plan;

/// <summary>
/// A real git repository in a temporary folder, removed afterwards. Commits use a fixed author and
/// time, so their ids (and the snapshots that show them) are the same on every run.
/// </summary>
internal sealed class TempRepository : IDisposable
{
    private static readonly DateTimeOffset FirstCommitTime = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private readonly Repository _repository;
    private int _commits;

    public TempRepository()
    {
        Root = Directory.CreateTempSubdirectory("scheduler-plan-").FullName;
        Repository.Init(Root);
        _repository = new Repository(Root);
    }

    public string Root { get; }

    /// <summary>Writes a file, relative to the repository's root.</summary>
    public TempRepository Write(string path, string text)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return this;
    }

    public TempRepository Delete(string path)
    {
        File.Delete(Path.Combine(Root, path));
        return this;
    }

    /// <summary>Stages everything (deletions too) and commits; returns the commit id.</summary>
    public string Commit(string message)
    {
        LibGit2Sharp.Commands.Stage(_repository, "*");
        var signature = new Signature("Test", "test@example.com", FirstCommitTime.AddMinutes(_commits++));
        return _repository.Commit(message, signature, signature, new CommitOptions { AllowEmptyCommit = true }).Sha;
    }

    /// <summary>Creates a branch at the current commit, e.g. to name the base as a pull request does.</summary>
    public TempRepository Branch(string name)
    {
        _repository.CreateBranch(name);
        return this;
    }

    public void Dispose()
    {
        _repository.Dispose();
        // Git makes its object files read-only; clear that so the folder can be removed.
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(Root, recursive: true);
    }
}
