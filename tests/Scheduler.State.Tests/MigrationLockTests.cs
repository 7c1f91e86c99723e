using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Scheduler.State.Tests.Support;

namespace Scheduler.State.Tests;

public sealed class MigrationLockTests
{
    [Fact]
    public async Task A_process_killed_while_migrating_does_not_block_the_next_start()
    {
        using var folder = new TempFolder();
        using var child = StartFrozenMigration(folder.Path);
        try
        {
            await WaitForFrozenAsync(child);
            Assert.Equal(1L, await folder.ScalarAsync("SELECT count(*) FROM __EFMigrationsLock"));

            // While the child lives, a second start waits for it rather than racing its migration.
            var opening = folder.OpenAsync();
            await Task.Delay(300);
            Assert.False(opening.IsCompleted);

            child.Kill();
            await child.WaitForExitAsync(TestTimeout.Token);

            await using var store = await opening.WaitAsync(TimeSpan.FromSeconds(15));
            await using var db = await store.Contexts.CreateDbContextAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(0L, await folder.ScalarAsync("SELECT count(*) FROM __EFMigrationsLock"));
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }
        }
    }

    [Fact]
    public async Task A_leftover_lock_row_that_makes_EF_wait_forever_is_cleared_at_start()
    {
        using var folder = new TempFolder();
        await using (var first = await folder.OpenAsync())
        {
            // What a process killed inside MigrateAsync leaves behind.
            await using var db = await first.Contexts.CreateDbContextAsync();
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-03-01 02:30:00+00:00');");

            // The premise: EF alone would poll for that row forever.
            using var shortWait = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.Database.MigrateAsync(shortWait.Token));
        }

        await using var second = await folder.OpenAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0L, await folder.ScalarAsync("SELECT count(*) FROM __EFMigrationsLock"));
    }

    private static Process StartFrozenMigration(string dataDirectory)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(LockHolderProgram).Assembly.Location);
        start.ArgumentList.Add(LockHolderProgram.Command);
        start.ArgumentList.Add(dataDirectory);
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the child process.");
    }

    private static async Task WaitForFrozenAsync(Process child)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == LockHolderProgram.FrozenSignal)
            {
                return;
            }
        }

        Assert.Fail($"The child exited ({child.ExitCode}) before freezing: {await child.StandardError.ReadToEndAsync()}");
    }
}
