using System.Text;
using LibGit2Sharp;
using Scheduler.Engine.Reconciling;

namespace Scheduler.Engine.Tests.Reconciling;

/// <summary>A real upstream repository in a temp folder, read through <see cref="GitSource"/> as serve --git does.</summary>
public sealed class GitSourceTests : IDisposable
{
    private static readonly Signature Author = new("Test", "test@example.com", new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly string _root = Directory.CreateTempSubdirectory("scheduler-git-").FullName;
    private readonly Repository _upstream;

    public GitSourceTests()
    {
        var path = Path.Combine(_root, "upstream");
        Repository.Init(path);
        _upstream = new Repository(path);
    }

    private string Data => Path.Combine(_root, "data");

    public void Dispose()
    {
        _upstream.Dispose();
        ForceDelete(_root);
    }

    [Fact]
    public async Task Task_files_are_read_from_the_branch_head_commit_not_the_working_copy()
    {
        Commit(("schedules/a.yaml", "schedule: \"0 * * * *\"\nshell: a\n"), ("schedules/sub/b.yml", "x"), ("schedules/.hidden.yaml", "x"), ("schedules/notes.txt", "x"), ("other/c.yaml", "x"));
        File.WriteAllText(Path.Combine(_upstream.Info.WorkingDirectory, "schedules", "a.yaml"), "edited but not committed");

        using var source = Source();
        var snapshot = await source.ReadAsync(default);

        Assert.Null(snapshot.Problem);
        Assert.Equal(["a.yaml", "sub/b.yml"], snapshot.Files.Select(f => f.RelativePath));
        Assert.Equal("schedules/a.yaml", snapshot.Files[0].DisplayPath);
        Assert.Equal("schedule: \"0 * * * *\"\nshell: a\n", Encoding.UTF8.GetString(snapshot.Files[0].Content.Span));
        Assert.Equal(_upstream.Head.Tip.Sha[..12], snapshot.Revision);
    }

    [Fact]
    public async Task A_new_commit_is_picked_up_and_a_deleted_file_disappears()
    {
        Commit(("schedules/a.yaml", "a"), ("schedules/b.yaml", "b"));
        using var source = Source();
        var first = await source.ReadAsync(default);

        File.Delete(Path.Combine(_upstream.Info.WorkingDirectory, "schedules", "b.yaml"));
        Commands.Remove(_upstream, "schedules/b.yaml");
        Commit(("schedules/c.yaml", "c"));
        var second = await source.ReadAsync(default);

        Assert.NotEqual(first.Revision, second.Revision);
        Assert.Equal(["a.yaml", "c.yaml"], second.Files.Select(f => f.RelativePath));
    }

    [Fact]
    public async Task A_force_push_is_followed_not_merged()
    {
        var base_ = Commit(("schedules/a.yaml", "a"));
        Commit(("schedules/b.yaml", "b"));
        using var source = Source();
        await source.ReadAsync(default);

        // Rewrite history: the branch now points at a commit that does not descend from the one fetched.
        _upstream.Reset(ResetMode.Hard, base_);
        Commit(("schedules/z.yaml", "z"));
        var after = await source.ReadAsync(default);

        Assert.Null(after.Problem);
        Assert.Equal(["a.yaml", "z.yaml"], after.Files.Select(f => f.RelativePath));
        Assert.Equal(_upstream.Head.Tip.Sha[..12], after.Revision);
    }

    [Fact]
    public async Task An_unknown_branch_or_an_unreachable_repository_is_a_problem_not_an_exception()
    {
        Commit(("schedules/a.yaml", "a"));
        using var wrongBranch = Source(branch: "release");
        using var nowhere = new GitSource(new GitSourceOptions { Url = Path.Combine(_root, "missing") }, Path.Combine(_root, "data2"), TimeProvider.System);

        Assert.Contains("the branch 'release' does not exist", (await wrongBranch.ReadAsync(default)).Problem, StringComparison.Ordinal);
        Assert.Contains("failed", (await nowhere.ReadAsync(default)).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_path_inside_the_repository_can_hold_the_tasks()
    {
        Commit(("ops/jobs/x.yaml", "x"), ("schedules/a.yaml", "a"));
        using var source = Source(path: "ops/jobs");

        var snapshot = await source.ReadAsync(default);

        Assert.Equal(["x.yaml"], snapshot.Files.Select(f => f.RelativePath));
        Assert.Equal("ops/jobs/x.yaml", snapshot.Files[0].DisplayPath);
    }

    [Fact]
    public async Task A_symbolic_link_and_an_oversized_blob_are_refused_as_plan_refuses_them()
    {
        Commit(("schedules/real.yaml", "schedule: \"0 * * * *\"\nshell: a\n"), ("schedules/huge.yaml", new string('#', 2 * Definitions.Loading.TaskFolder.ReadLimit)));
        File.CreateSymbolicLink(Path.Combine(_upstream.Info.WorkingDirectory, "schedules", "link.yaml"), "real.yaml");
        Commit(("schedules/link.yaml", null));
        using var source = Source();

        var files = (await source.ReadAsync(default)).Files;

        Assert.Contains("symbolic link", files.Single(f => f.RelativePath == "link.yaml").ReadError, StringComparison.Ordinal);
        Assert.Equal(Definitions.Loading.TaskFolder.ReadLimit, files.Single(f => f.RelativePath == "huge.yaml").Content.Length);
    }

    [Theory]
    [InlineData("ssh://git@github.com/acme/jobs.git")]
    [InlineData("git@github.com:acme/jobs.git")]
    public void An_ssh_url_is_refused_with_what_to_use_instead(string url)
    {
        var problem = GitSourceOptions.CheckUrl(url);

        Assert.Contains("has no SSH support", problem, StringComparison.Ordinal);
        Assert.Contains("https://", problem, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new GitSource(new GitSourceOptions { Url = url }, Data, TimeProvider.System));
    }

    [Theory]
    [InlineData("https://github.com/acme/jobs.git")]
    [InlineData("file:///srv/jobs.git")]
    [InlineData("/srv/jobs")]
    public void Https_file_urls_and_paths_are_accepted(string url) => Assert.Null(GitSourceOptions.CheckUrl(url));

    private GitSource Source(string branch = "", string path = "schedules") =>
        new(new GitSourceOptions { Url = _upstream.Info.WorkingDirectory, Branch = branch.Length > 0 ? branch : _upstream.Head.FriendlyName, Path = path }, Data, TimeProvider.System);

    /// <summary>Writes and stages each file (a null text stages what is already on disk, e.g. a link) and commits.</summary>
    private Commit Commit(params (string Path, string? Text)[] files)
    {
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(_upstream.Info.WorkingDirectory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            if (text is not null)
            {
                File.WriteAllText(full, text);
            }

            Commands.Stage(_upstream, path);
        }

        return _upstream.Commit($"change {files.Length} file(s)", Author, Author, new CommitOptions { AllowEmptyCommit = true });
    }

    /// <summary>Git makes its object files read-only; clear that so the temp folder can go.</summary>
    private static void ForceDelete(string path)
    {
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(path, recursive: true);
    }
}
