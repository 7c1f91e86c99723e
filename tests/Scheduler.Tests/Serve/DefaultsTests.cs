using System.Net;
using Xunit.Abstractions;

namespace Scheduler.Tests.Serve;

/// <summary>What a newcomer gets from <c>scheduler serve</c> in a folder holding <c>schedules/</c>.</summary>
[Collection(RunsAlone.Name)]
public sealed class DefaultsTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Serve_without_folder_arguments_watches_schedules_keeps_state_in_data_and_answers_health_and_readiness()
    {
        using var folder = new ServeFolder(log);
        CopyFolder(Path.Combine(Cli.RepositoryExamplesTests.FindRepositoryRoot(), "schedules"), folder.Schedules);

        // Only --urls: 8080, the default, may be taken on this machine.
        using var serve = ServeProcess.Start(folder.Root, [], "defaults", log);
        await serve.WaitReadyAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, await serve.GetStatusAsync("/healthz"));
        Assert.StartsWith("ready: definitions sha256:", await serve.GetTextAsync("/readyz"), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder.Data, "scheduler.db")), $"./data/scheduler.db was not created.\n{serve.Output}");
        await using (var store = await folder.OpenStoreAsync())
        {
            var tasks = (await store.Runs.ListTasksAsync(default)).Where(t => !t.IsSystem).Select(t => t.Id).ToList();
            Assert.Contains("heartbeat", tasks);
            Assert.Contains("backups/nightly-db", tasks);
        }

        serve.Terminate();
        Assert.Equal(0, await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
