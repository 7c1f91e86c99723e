using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Model;
using Scheduler.Engine.Running;
using Scheduler.State.Entities;

namespace Scheduler.Engine.Registry;

/// <summary>
/// The one home of parsed definitions, keyed by task id and content hash: the reconciler fills it with what it parsed
/// (and the system tasks, built from settings), the engine gets its tasks from it, and the last-good fallback and the
/// page read it. A definition is parsed once per version; a version this process never parsed (written by another
/// replica, or before a restart) is parsed from the store's text on first use.
/// </summary>
public sealed class DefinitionRegistry
{
    // Old versions pile up only over a very long life of many edits; past this many, parsed files are forgotten (and parsed again on use).
    private const int MaxParsed = 20_000;

    private readonly ConcurrentDictionary<(string Id, string Hash), TaskDefinition?> _parsed = new();
    private readonly ConcurrentDictionary<string, SystemEntry> _system = new(StringComparer.Ordinal);

    /// <summary>The hash a task's content is keyed by: SHA-256 of its bytes, lower-case hex (the store's <c>DefinitionHash</c>).</summary>
    public static string HashOf(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>What a reconcile parsed from a file (null when it did not parse).</summary>
    public void Add(string id, string hash, TaskDefinition? definition)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(hash);
        if (_parsed.Count >= MaxParsed)
        {
            _parsed.Clear();
        }

        _parsed[(id, hash)] = definition;
    }

    /// <summary>A system task, an ordinary entry: its stored text (what the page shows) and hash come from here.</summary>
    public SystemEntry AddSystem(ScheduledTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var text = SystemTasks.SystemTaskCatalog.Describe(task);
        var entry = new SystemEntry(task, text, HashOf(Encoding.UTF8.GetBytes(text)));
        _system[task.Id] = entry;
        return entry;
    }

    /// <summary>
    /// The parsed definition of a stored task as stored (its last good version): from the registry, or parsed from the
    /// stored text and kept. A system task's is the one built from this process's settings. Null when it does not parse.
    /// </summary>
    public TaskDefinition? Get(TaskRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.IsSystem)
        {
            return _system.TryGetValue(record.Id, out var system) ? system.Task.Definition : null;
        }

        if (_parsed.TryGetValue((record.Id, record.DefinitionHash), out var known))
        {
            return known;
        }

        var parsed = Parse(record, now);
        Add(record.Id, record.DefinitionHash, parsed);
        return parsed;
    }

    private static TaskDefinition? Parse(TaskRecord record, DateTimeOffset now)
    {
        var relative = record.Id + (record.SourcePath.EndsWith(".yml", StringComparison.Ordinal) ? ".yml" : ".yaml");
        return TaskReader.Read(new SourceFile(relative, record.SourcePath, Encoding.UTF8.GetBytes(record.DefinitionYaml)), now).Task;
    }
}
