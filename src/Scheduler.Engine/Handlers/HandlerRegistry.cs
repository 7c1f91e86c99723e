using Scheduler.Definitions.Model;

namespace Scheduler.Engine.Handlers;

/// <summary>Finds the <see cref="IRunHandler"/> for a task's handler definition, by its kind (<c>command</c>, <c>http</c>, …).</summary>
public sealed class HandlerRegistry : IDisposable
{
    private readonly Dictionary<string, IRunHandler> _byKind = new(StringComparer.Ordinal);

    /// <summary>A registry of the given handlers, which it owns: disposing the registry disposes them.</summary>
    public HandlerRegistry(IEnumerable<IRunHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        foreach (var handler in handlers)
        {
            if (!_byKind.TryAdd(handler.Kind, handler))
            {
                throw new ArgumentException($"Two handlers serve the kind '{handler.Kind}'.", nameof(handlers));
            }
        }
    }

    /// <summary>Every built-in handler: command, shell, http, sqlite-backup and cleanup, plus <paramref name="extra"/> ones (the system tasks').</summary>
    public static HandlerRegistry CreateDefault(params IRunHandler[] extra) =>
        new([new CommandRunHandler(), new ShellRunHandler(), new HttpRunHandler(), new SqliteBackupRunHandler(), new CleanupRunHandler(), .. extra]);

    /// <summary>The kinds served, e.g. for a start-up check against the kinds the definitions know.</summary>
    public IReadOnlyCollection<string> Kinds => _byKind.Keys;

    /// <summary>The handler for <paramref name="definition"/>. An unknown kind is a bug: validation only lets known kinds through.</summary>
    public IRunHandler For(HandlerDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return _byKind.TryGetValue(definition.Kind, out var handler)
            ? handler
            : throw new InvalidOperationException($"No handler serves the kind '{definition.Kind}'; known: {string.Join(", ", _byKind.Keys)}.");
    }

    public void Dispose()
    {
        foreach (var handler in _byKind.Values.OfType<IDisposable>())
        {
            handler.Dispose();
        }
    }
}
