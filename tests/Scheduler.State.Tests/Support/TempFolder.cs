using Microsoft.Data.Sqlite;
using Scheduler.State.Store;

namespace Scheduler.State.Tests.Support;

/// <summary>A fresh folder under the temp directory holding a real <c>scheduler.db</c>; deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(
        System.IO.Path.GetTempPath(), "scheduler-state-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => System.IO.Path.Combine(Path, "scheduler.db");

    public Task<SchedulerStore> OpenAsync(bool pooling = true) =>
        SchedulerStore.OpenAsync(new StoreOptions { DataDirectory = Path, Pooling = pooling }, null, TestTimeout.Token);

    /// <summary>Reads the file directly, bypassing EF, to check what is really stored.</summary>
    public async Task<List<object?[]>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public async Task<object?> ScalarAsync(string sql) => (await QueryAsync(sql)).Single()[0];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A pooled connection of a store still open elsewhere; the temp folder is cleaned by the OS.
        }
    }
}
