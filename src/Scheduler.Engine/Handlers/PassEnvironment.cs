namespace Scheduler.Engine.Handlers;

/// <summary>
/// The operator's list of the scheduler's environment variables that runs also get (<c>Scheduler:Runs:PassEnvironment</c>):
/// exact names, or prefixes ending in <c>*</c> (<c>AWS_*</c>). The scheduler's own settings are never passed, whatever it says.
/// </summary>
public sealed class PassEnvironment
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<string> _prefixes = [];

    public PassEnvironment(IEnumerable<string>? entries)
    {
        foreach (var entry in entries ?? [])
        {
            var name = entry.Trim();
            if (name.EndsWith('*'))
            {
                _prefixes.Add(name[..^1]);
            }
            else if (name.Length > 0)
            {
                _names.Add(name);
            }
        }
    }

    /// <summary>Nothing beyond the basics.</summary>
    public static PassEnvironment None { get; } = new([]);

    public bool Allows(string name) =>
        _names.Contains(name) || _prefixes.Exists(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
}
