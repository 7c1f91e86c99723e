using System.Text;
using LibGit2Sharp;
using Scheduler.Definitions.Loading;
using Scheduler.Engine.Reconciling;

namespace Scheduler.Engine.Tests.Reconciling;

/// <summary>
/// The one reader of task files from a commit, used by <c>plan</c> and <c>serve --git</c>: a real repository in a
/// temp folder, with the shapes a tree can take (links, huge blobs, nested and dot folders, other files).
/// </summary>
public sealed class GitTreeFilesTests : IDisposable
{
    private static readonly Signature Author = new("Test", "test@example.com", new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly string _root = Directory.CreateTempSubdirectory("scheduler-gittree-").FullName;
    private readonly Repository _repository;

    public GitTreeFilesTests()
    {
        Repository.Init(_root);
        _repository = new Repository(_root);
    }

    public void Dispose()
    {
        _repository.Dispose();
        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void Yaml_files_in_nested_folders_are_read_and_other_files_and_dot_names_are_left_out()
    {
        var commit = Commit(
            ("schedules/a.yaml", "a"), ("schedules/ops/db/b.yml", "b"), ("schedules/ops/readme.md", "x"), ("schedules/c.yaml.bak", "x"),
            ("schedules/.hidden.yaml", "x"), ("schedules/.drafts/d.yaml", "x"), ("schedules/ops/.git-keep/e.yaml", "x"), ("other/f.yaml", "x"));

        var files = GitTreeFiles.FromCommit(commit, "schedules")!;

        Assert.Equal(["a.yaml", "ops/db/b.yml"], files.Select(f => f.RelativePath));
        Assert.Equal(["schedules/a.yaml", "schedules/ops/db/b.yml"], files.Select(f => f.DisplayPath));
        Assert.Equal("b", Encoding.UTF8.GetString(files[1].Content.Span));
        Assert.All(files, f => Assert.Null(f.ReadError));
    }

    [Fact]
    public void A_symbolic_link_is_not_followed_but_reported_as_a_file_that_cannot_be_read()
    {
        Write("schedules/real.yaml", "schedule: \"0 * * * *\"\nshell: a\n");
        File.CreateSymbolicLink(Path.Combine(_root, "schedules", "link.yaml"), "real.yaml");
        var commit = Commit();

        var files = GitTreeFiles.FromCommit(commit, "schedules")!;

        var link = Assert.Single(files, f => f.RelativePath == "link.yaml");
        Assert.Equal(0, link.Content.Length);
        Assert.Contains("symbolic link", link.ReadError, StringComparison.Ordinal);
        Assert.Null(Assert.Single(files, f => f.RelativePath == "real.yaml").ReadError);
    }

    [Fact]
    public void An_oversized_blob_is_read_only_one_byte_past_the_limit_so_the_loader_refuses_it()
    {
        var commit = Commit(("schedules/huge.yaml", new string('#', 3 * TaskFolder.ReadLimit)), ("schedules/edge.yaml", new string('#', TaskFolder.ReadLimit - 1)));

        var files = GitTreeFiles.FromCommit(commit, "schedules")!;

        Assert.Equal(TaskFolder.ReadLimit - 1, files.Single(f => f.RelativePath == "edge.yaml").Content.Length);
        Assert.Equal(TaskFolder.ReadLimit, files.Single(f => f.RelativePath == "huge.yaml").Content.Length);
    }

    [Theory]
    [InlineData("", new[] { "other/f.yaml", "schedules/a.yaml" })]
    [InlineData("/schedules/", new[] { "a.yaml" })]
    [InlineData("other", new[] { "f.yaml" })]
    public void The_folder_may_be_the_root_or_any_folder_of_the_tree(string path, string[] expected)
    {
        var commit = Commit(("schedules/a.yaml", "a"), ("other/f.yaml", "f"));

        Assert.Equal(expected, GitTreeFiles.FromCommit(commit, path)!.Select(f => f.RelativePath));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("schedules/a.yaml")]
    public void A_folder_that_is_not_in_the_commit_or_is_a_file_gives_null(string path) =>
        Assert.Null(GitTreeFiles.FromCommit(Commit(("schedules/a.yaml", "a")), path));

    private void Write(string path, string text)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private Commit Commit(params (string Path, string Text)[] files)
    {
        foreach (var (path, text) in files)
        {
            Write(path, text);
        }

        Commands.Stage(_repository, "*");
        return _repository.Commit("change", Author, Author, new CommitOptions { AllowEmptyCommit = true });
    }
}
