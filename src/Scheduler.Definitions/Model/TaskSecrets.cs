namespace Scheduler.Definitions.Model;

/// <summary>The credentials a task names by reference, each with the field that names it (<c>env.DB_URL</c>, <c>http.headers.Authorization</c>).</summary>
public static class TaskSecrets
{
    public static IReadOnlyList<KeyValuePair<string, SecretReference>> Of(TaskDefinition task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var found = new List<KeyValuePair<string, SecretReference>>();
        foreach (var (name, value) in task.Environment)
        {
            if (value.Reference is { } reference)
            {
                found.Add(new($"env.{name}", reference));
            }
        }

        if (task.Handler is HttpHandler http)
        {
            foreach (var (name, value) in http.Headers)
            {
                if (value.Reference is { } reference)
                {
                    found.Add(new($"http.headers.{name}", reference));
                }
            }
        }

        return found;
    }

    /// <summary>
    /// A warning for each <c>from-env</c> name that <paramref name="isSet"/> says is missing where <c>validate</c> runs:
    /// the run would fail there. Only a warning, since CI rarely has production's secrets.
    /// </summary>
    public static IEnumerable<Diagnostics.Diagnostic> Unset(TaskDefinition task, Func<string, bool> isSet)
    {
        ArgumentNullException.ThrowIfNull(isSet);
        foreach (var (field, reference) in Of(task))
        {
            if (reference.Source == SecretSource.Environment && !isSet(reference.Name))
            {
                yield return new Diagnostics.Diagnostic(task.SourcePath, reference.At, Diagnostics.Severity.Warning, Diagnostics.DiagnosticCodes.SecretNotSet,
                    $"{field}: from-env {reference.Name} is not set in this environment; a run here would fail.",
                    $"Set {reference.Name} in the scheduler's environment (or check the name); validate only warns, since CI rarely has the secrets.");
            }
        }
    }
}
