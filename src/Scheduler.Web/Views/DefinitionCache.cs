using System.Collections.Concurrent;
using System.Text;
using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Model;
using Scheduler.State.Entities;

namespace Scheduler.Web.Views;

/// <summary>
/// The parsed definition of each task as stored (its last good version), parsed once per version: the page
/// polls every two seconds and must not re-read every file each time. System tasks have none.
/// </summary>
internal sealed class DefinitionCache
{
    private readonly ConcurrentDictionary<(string Id, string Hash), TaskDefinition?> _parsed = new();

    public TaskDefinition? Get(TaskRecord task, DateTimeOffset now)
    {
        if (task.IsSystem)
        {
            return null;
        }

        if (_parsed.Count > 10_000)
        {
            _parsed.Clear(); // old versions pile up only over a very long life; start again rather than grow
        }

        return _parsed.GetOrAdd((task.Id, task.DefinitionHash), _ => Parse(task, now));
    }

    private static TaskDefinition? Parse(TaskRecord task, DateTimeOffset now)
    {
        var extension = task.SourcePath.EndsWith(".yml", StringComparison.Ordinal) ? ".yml" : ".yaml";
        return TaskReader.Read(new SourceFile(task.Id + extension, task.SourcePath, Encoding.UTF8.GetBytes(task.DefinitionYaml)), now).Task;
    }
}
