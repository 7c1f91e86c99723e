using System.Net;
using System.Security.Cryptography;
using System.Text;
using LibGit2Sharp;
using Scheduler.State.Entities;
using Scheduler.Tests.Cli;
using Xunit.Abstractions;

namespace Scheduler.Tests.Serve;

/// <summary><c>serve --git</c> against a real repository in a temp folder: pushes, an invalid push, a force-push, the webhook.</summary>
[Collection(RunsAlone.Name)]
public sealed class GitServeTests(ITestOutputHelper log) : IDisposable
{
    private const string Secret = "webhook-secret";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly Signature Author = new("Test", "test@example.com", new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly ServeFolder _folder = new(log);
    private Repository? _upstream;

    private Repository Upstream => _upstream ??= new Repository(Repository.Init(Path.Combine(_folder.Root, "upstream")));

    public void Dispose()
    {
        _upstream?.Dispose();
        foreach (var file in Directory.EnumerateFiles(_folder.Root, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal); // git's object files are read-only
        }

        _folder.Dispose();
    }

    [Fact]
    public async Task Pushes_are_applied_within_the_interval_an_invalid_push_never_stops_valid_tasks_and_a_force_push_is_followed()
    {
        var first = Commit(("schedules/tick.yaml", Task("v1")));
        using var serve = StartServe("2s");
        await serve.WaitReadyAsync(TimeSpan.FromSeconds(30));
        await using var store = await _folder.OpenStoreAsync();
        string Context() => $"\n{_folder.DescribeWitness()}\n{serve.Output}";
        bool Fired(string task, string marker) => _folder.ReadWitness().Any(w => w.TaskId == task && w.Marker == marker);

        await Eventually.HoldsAsync(() => Fired("tick", "v1"), Patience, () => $"the first commit did not fire.{Context()}");
        Assert.Equal(first.Sha[..12], (await store.Runs.GetTaskAsync("tick", default))!.Revision);

        var second = Commit(("schedules/tick.yaml", Task("v2")));
        await Eventually.HoldsAsync(() => Fired("tick", "v2"), Patience, () => $"the second commit was not applied.{Context()}");
        Assert.Equal(second.Sha[..12], (await store.Runs.GetTaskAsync("tick", default))!.Revision);

        // An invalid push: its valid file is applied, the broken task keeps its last good version, flagged.
        Commit(("schedules/tick.yaml", "schedule: { every: 1s }\nshell: \"never closed\n"), ("schedules/other.yaml", Task("o1")));
        await Eventually.HoldsAsync(() => Fired("other", "o1"), Patience, () => $"the valid file of the invalid push was not applied.{Context()}");
        var flagged = (await store.Runs.GetTaskAsync("tick", default))!;
        Assert.Equal(TaskState.InvalidRunningLastGood, flagged.State);
        var v2Before = _folder.ReadWitness().Count(w => w.Marker == "v2");
        await Eventually.HoldsAsync(() => _folder.ReadWitness().Count(w => w.Marker == "v2") > v2Before + 1, Patience, () => $"the last good version stopped.{Context()}");

        // A force-push back to the first commit is followed, not merged: other.yaml is gone, v1 is back.
        Upstream.Reset(ResetMode.Hard, first);
        await Eventually.HoldsAsync(
            async () => (await store.Runs.GetTaskAsync("other", default))!.State == TaskState.Retired
                && (await store.Runs.GetTaskAsync("tick", default))!.Revision == first.Sha[..12],
            Patience,
            () => $"the force-push was not followed.{Context()}");

        var syncs = await store.Runs.ListRunsAsync("system/git-sync", 100, null, default);
        Assert.True(syncs.Count >= 3, $"every fetch is a run of system/git-sync; found {syncs.Count}");
    }

    [Fact]
    public async Task A_signed_webhook_applies_a_push_at_once_and_an_unsigned_one_triggers_nothing()
    {
        Commit(("schedules/tick.yaml", Task("v1")));
        using var serve = StartServe("1h");
        await serve.WaitReadyAsync(TimeSpan.FromSeconds(30));
        await using var store = await _folder.OpenStoreAsync();
        await Eventually.HoldsAsync(() => _folder.ReadWitness().Any(w => w.Marker == "v1"), Patience, () => serve.Output);
        using var http = new HttpClient { BaseAddress = serve.BaseAddress };
        var body = """{"ref":"refs/heads/main"}""";

        Commit(("schedules/tick.yaml", Task("v2")));
        var unsigned = await http.PostAsync(new Uri("/hooks/git", UriKind.Relative), new StringContent(body));
        var wrong = await PostSignedAsync(http, body, "not-the-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Empty(await store.Runs.ListRunsAsync("system/git-sync", 10, null, default));

        var pushedAt = DateTimeOffset.UtcNow;
        var signed = await PostSignedAsync(http, body, Secret);
        Assert.Equal(HttpStatusCode.Accepted, signed.StatusCode);
        await Eventually.HoldsAsync(() => _folder.ReadWitness().Any(w => w.Marker == "v2"), TimeSpan.FromSeconds(10), () => serve.Output);
        var sync = Assert.Single(await store.Runs.ListRunsAsync("system/git-sync", 10, null, default));
        Assert.True(sync.FinishedAt - pushedAt < TimeSpan.FromSeconds(2), $"applied {sync.FinishedAt - pushedAt} after the webhook");

        using var gitlab = new HttpRequestMessage(HttpMethod.Post, "/hooks/git") { Content = new StringContent(body) };
        gitlab.Headers.Add("X-Gitlab-Token", Secret);
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(gitlab)).StatusCode);
    }

    [Theory]
    [InlineData("git@github.com:acme/jobs.git")]
    [InlineData("ssh://git@github.com/acme/jobs.git")]
    public void An_ssh_url_fails_at_start_up_with_what_to_use_instead(string url)
    {
        var run = CliRun.Invoke(_folder.Root, "serve", "--git", url);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("has no SSH support", run.Error, StringComparison.Ordinal);
    }

    private ServeProcess StartServe(string interval) =>
        ServeProcess.Start(
            _folder.Root,
            ["--git", Upstream.Info.WorkingDirectory, "--branch", Upstream.Head.FriendlyName, "--git-interval", interval, "--data", _folder.Data, "--instance", "git"],
            "git",
            log,
            new Dictionary<string, string> { ["Scheduler__Git__WebhookSecret"] = Secret });

    private string Task(string marker) => $"schedule: {{ every: 1s }}\noverlap: allow\nshell: {_folder.WitnessCommand(marker)}\n";

    private Commit Commit(params (string Path, string Text)[] files)
    {
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(Upstream.Info.WorkingDirectory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            LibGit2Sharp.Commands.Stage(Upstream, path);
        }

        return Upstream.Commit("change", Author, Author, new CommitOptions { AllowEmptyCommit = true });
    }

    private static async Task<HttpResponseMessage> PostSignedAsync(HttpClient http, string body, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/git") { Content = new StringContent(body) };
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body))));
        return await http.SendAsync(request);
    }
}
