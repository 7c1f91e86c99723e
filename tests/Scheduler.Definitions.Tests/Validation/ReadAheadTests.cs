using Scheduler.Definitions.Loading;

namespace Scheduler.Definitions.Tests.Validation;

/// <summary>
/// <see cref="TaskFolder.ReadAhead"/> reads on a background thread while the caller parses: it must give exactly
/// what <see cref="TaskFolder.Read"/> gives, in the same order, and never hang when the caller stops early.
/// </summary>
public sealed class ReadAheadTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("scheduler-read-ahead-").FullName;

    [Fact]
    public void Reading_ahead_gives_the_same_files_in_the_same_order_with_the_same_bytes_as_reading_first()
    {
        // More files than several batches hold, over nested folders, with files the listing must skip.
        for (var i = 0; i < 300; i++)
        {
            Write($"team-{i % 7}/job-{i:D3}.yaml", $"schedule: \"{i % 60} * * * *\"\nshell: \"echo {i}\"\n");
        }

        Write("team-0/.hidden.yaml", "junk: [");
        Directory.CreateDirectory(Path.Combine(_root, "team-3", "folder.yaml")); // a folder named like a file is skipped by the listing

        var first = TaskFolder.Read(_root, _root);
        var ahead = TaskFolder.ReadAhead(_root, _root).ToList();

        Assert.Equal(300, first.Count);
        Assert.Equal(first.Select(f => (f.RelativePath, f.DisplayPath, f.ReadError)), ahead.Select(f => (f.RelativePath, f.DisplayPath, f.ReadError)));
        Assert.All(first.Zip(ahead), pair => Assert.True(pair.First.Content.Span.SequenceEqual(pair.Second.Content.Span), pair.First.RelativePath));
    }

    [Fact]
    public void The_loader_gives_the_same_set_from_files_read_ahead()
    {
        Write("b.yaml", "schedule: \"0 * * * *\"\nshell: \"true\"\n");
        Write("a/c.yml", "schedule: \"61 * * * *\"\nshell: x\n");
        Write("a.yaml", "schedule: \"5 * * * *\"\nshell: \"true\"\n");

        var loaded = DefinitionLoader.Load(TaskFolder.Read(_root, _root), TaskText.From);
        var loadedAhead = DefinitionLoader.Load(TaskFolder.ReadAhead(_root, _root), TaskText.From);

        Assert.Equal(["a.yaml", "a/c.yml", "b.yaml"], loadedAhead.Files.Select(f => f.DisplayPath));
        Assert.Equal(loaded.Files.Select(f => f.DisplayPath), loadedAhead.Files.Select(f => f.DisplayPath));
        Assert.Equal(loaded.Diagnostics.Select(d => d.ToString()), loadedAhead.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_caller_that_stops_after_the_first_file_leaves_no_reader_behind()
    {
        for (var i = 0; i < 1000; i++)
        {
            Write($"job-{i:D4}.yaml", "schedule: \"0 * * * *\"\nshell: \"true\"\n");
        }

        // Far more files than the bounded queue holds: the reader is blocked on a full queue when the caller stops,
        // and leaving the enumeration must release it (the enumerator's Dispose returns only when it has stopped).
        var firstFile = TaskFolder.ReadAhead(_root, _root).First();

        Assert.Equal("job-0000.yaml", firstFile.RelativePath);
    }

    [Fact]
    public void A_missing_folder_throws_when_asked_not_when_enumerated() =>
        Assert.Throws<DirectoryNotFoundException>(() => TaskFolder.ReadAhead("/nonexistent/schedules", "/"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
