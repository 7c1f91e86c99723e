using Scheduler.Definitions.Model;

namespace Scheduler.Engine.Handlers;

/// <summary>
/// The values of a run's credential references (<c>from-env</c>, <c>from-file</c>), read when the run starts and kept
/// in memory for that run only: never written to the state store, shown only masked.
/// </summary>
public sealed class RunSecrets
{
    /// <summary>A secret file larger than this is a wrong path (a log, a database), not a credential.</summary>
    public const int MaxFileBytes = 64 * 1024;

    private readonly Dictionary<SecretReference, string> _values;

    private RunSecrets(Dictionary<SecretReference, string> values, IReadOnlyList<string> secrets)
    {
        _values = values;
        Values = secrets;
    }

    /// <summary>For a task that names no credential.</summary>
    public static RunSecrets None { get; } = new([], []);

    /// <summary>The secret values themselves (without their prefix): what output masking looks for.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>
    /// Reads every reference of <paramref name="task"/>: a <c>from-env</c> name from <paramref name="environment"/>, a
    /// <c>from-file</c> path (relative to the current folder) with one trailing newline dropped. Null with
    /// <paramref name="error"/> naming each reference that is unset, unreadable or empty: a run never gets an empty credential.
    /// </summary>
    public static RunSecrets? Resolve(TaskDefinition task, Func<string, string?> environment, out string? error)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var references = TaskSecrets.Of(task);
        error = null;
        if (references.Count == 0)
        {
            return None;
        }

        var values = new Dictionary<SecretReference, string>();
        var secrets = new List<string>();
        var problems = new List<string>();
        foreach (var (field, reference) in references)
        {
            var secret = reference.Source == SecretSource.Environment ? FromEnvironment(reference, environment, out var problem) : FromFile(reference, out problem);
            if (secret is null)
            {
                problems.Add($"{field}: {reference.Origin} {problem}");
                continue;
            }

            values[reference] = reference.Prefix + secret;
            secrets.Add(secret);
        }

        if (problems.Count > 0)
        {
            error = string.Join("; ", problems);
            return null;
        }

        return new RunSecrets(values, secrets);
    }

    /// <summary>
    /// Where a run starts: resolves the task's references from the scheduler's environment and files, and masks their
    /// values in the run's output from here on. Null with <paramref name="error"/> when one cannot be resolved: the run fails.
    /// </summary>
    public static RunContext? Start(RunContext context, out string? error)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Resolve(context.Task, Environment.GetEnvironmentVariable, out var problems) is not { } secrets)
        {
            error = $"a credential could not be resolved, so the run did not start: {problems}";
            return null;
        }

        error = null;

        if (secrets.Values.Count > 0)
        {
            context.Output.MaskSecrets(secrets.Values);
        }

        return context with { Secrets = secrets };
    }

    /// <summary>The value the run uses: the text, or the resolved reference (prefix included).</summary>
    public string ValueOf(TaskValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Reference is not { } reference)
        {
            return value.Text!;
        }

        // A bug, not bad input: whoever starts a run resolves its references first (SchedulerEngine, scheduler run).
        return _values.TryGetValue(reference, out var resolved)
            ? resolved
            : throw new InvalidOperationException($"{reference.Origin} was not resolved when the run started.");
    }

    private static string? FromEnvironment(SecretReference reference, Func<string, string?> environment, out string? problem)
    {
        var value = environment(reference.Name);
        problem = value switch
        {
            null => "is not set in the scheduler's environment; set it where the scheduler runs, or fix the name",
            "" => "is set but empty",
            _ => null,
        };
        return problem is null ? value : null;
    }

    private static string? FromFile(SecretReference reference, out string? problem)
    {
        var path = Path.GetFullPath(reference.Name);
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxFileBytes)
            {
                problem = $"is {info.Length} bytes, larger than a credential ({MaxFileBytes} at most): is the path right?";
                return null;
            }

            var text = File.ReadAllText(path);
            // Secret files are often written with `echo`: the newline it adds is not part of the credential.
            text = text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
            problem = text.Length == 0 ? "is empty" : null;
            return problem is null ? text : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot be read ({path}): {e.Message}";
            return null;
        }
    }
}
