namespace Scheduler.Tests.Cli;

/// <summary>A temporary project folder with a schedules/ folder in it, removed afterwards.</summary>
internal sealed class TempSchedules : IDisposable
{
    public TempSchedules()
    {
        Root = Directory.CreateTempSubdirectory("scheduler-cli-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "schedules"));
    }

    public string Root { get; }

    public TempSchedules With(string relativePath, string yaml)
    {
        var path = Path.Combine(Root, "schedules", relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
        return this;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
