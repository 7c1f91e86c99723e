using Scheduler.State.Store;
using Xunit.Abstractions;

namespace Scheduler.Tests.Serve;

/// <summary>
/// A temporary folder for one end-to-end test: <c>schedules/</c> with task files, <c>data/</c> for the store, and
/// <c>witness.txt</c>, to which every run appends one line at its start. Deleted when disposed.
/// </summary>
internal sealed class ServeFolder : IDisposable
{
    private readonly ITestOutputHelper? _log;

    public ServeFolder(ITestOutputHelper? log = null)
    {
        _log = log;
        Root = Directory.CreateTempSubdirectory("scheduler-serve-").FullName;
        Directory.CreateDirectory(Schedules);
    }

    public string Root { get; }

    public string Schedules => Path.Combine(Root, "schedules");

    public string Data => Path.Combine(Root, "data");

    public string WitnessFile => Path.Combine(Root, "witness.txt");

    /// <summary>A shell line that appends this run's witness line, followed by <paramref name="marker"/> when given.</summary>
    public string WitnessCommand(string marker = "") =>
        $"echo \"$SCHEDULER_TASK_ID $SCHEDULER_SLOT $SCHEDULER_RUN_ID{(marker.Length > 0 ? " " + marker : "")}\" >> '{WitnessFile}'";

    /// <summary>
    /// Writes <c>schedules/<paramref name="taskId"/>.yaml</c> whole, by a rename: the watcher never sees a
    /// half-written file, so what the test writes is exactly what serve reads.
    /// </summary>
    /// <summary>
    /// Tasks due every second that write a witness line per run, with catch-up: all and overlap: allow, so every
    /// slot is owed exactly one run: what the exactly-once tests count.
    /// </summary>
    public void WriteWitnessTasks(IEnumerable<string> taskIds)
    {
        foreach (var id in taskIds)
        {
            WriteTask(id, $"""
                schedule:
                  every: 1s
                catch-up: all
                overlap: allow
                timeout: 1m
                shell: {WitnessCommand()}
                """);
        }
    }

    public void WriteTask(string taskId, string yaml)
    {
        var path = Path.Combine(Schedules, taskId + ".yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var staging = Path.Combine(Root, $"staging-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(staging, yaml);
        File.Move(staging, path, overwrite: true);
    }

    public void DeleteTask(string taskId) => File.Delete(Path.Combine(Schedules, taskId + ".yaml"));

    /// <summary>The complete witness lines so far, in the order they were written.</summary>
    public IReadOnlyList<WitnessLine> ReadWitness()
    {
        if (!File.Exists(WitnessFile))
        {
            return [];
        }

        using var stream = new FileStream(WitnessFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var complete = text[..(text.LastIndexOf('\n') + 1)]; // a line still being written is read next time
        return [.. complete.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(WitnessLine.Parse)];
    }

    public string DescribeWitness() =>
        $"witness.txt:\n{(File.Exists(WitnessFile) ? File.ReadAllText(WitnessFile) : "(none)")}";

    /// <summary>Opens the store serve writes (after serve has migrated it); reading beside a running serve is what WAL is for.</summary>
    public Task<SchedulerStore> OpenStoreAsync() => SchedulerStore.OpenSqliteAsync(Data);

    /// <summary>Starts <c>scheduler serve --schedules … --data … --instance <paramref name="instance"/></c> on this folder.</summary>
    public ServeProcess StartServe(string instance, IEnumerable<string>? extraArguments = null, IReadOnlyDictionary<string, string>? environment = null) =>
        ServeProcess.Start(
            Root,
            ["--schedules", Schedules, "--data", Data, "--instance", instance, .. extraArguments ?? []],
            instance,
            _log,
            environment);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // an orphaned run may still be writing; the temp folder is cleaned up later
        }
    }
}
