using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Scheduler.Definitions.Model;
using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Web.Views;

/// <summary>
/// Builds the run-now form of a task from its definition as applied (typed inputs, defaults filled in) and reads a
/// posted one back into values by name. The checks are the engine's (<see cref="Definitions.Parameters.ParameterValues"/>):
/// the inputs' <c>required</c>, <c>pattern</c> and types only help the browser say it sooner.
/// </summary>
internal sealed class RunNowForms(RunStore store, Engine.Registry.DefinitionRegistry definitions, PageBuilder builder, TimeProvider time)
{
    /// <summary>The form, or null when there is no such task or it declares no parameters (run now is then one button).</summary>
    public async Task<RunNowFormView?> BuildAsync(
        HttpContext context, string taskId, IReadOnlyDictionary<string, string>? sent, IReadOnlyDictionary<string, string>? errors, CancellationToken cancellationToken)
    {
        if (await store.GetTaskAsync(taskId, cancellationToken) is not { IsSystem: false, State: not TaskState.Retired } task
            || definitions.Get(task, time.GetUtcNow()) is not { Parameters.Count: > 0 } definition)
        {
            return null;
        }

        var fields = definition.Parameters
            .Select(p => Field(p, sent is not null && sent.TryGetValue(p.Name, out var value) ? value : p.Default, errors?.GetValueOrDefault(p.Name)))
            .ToList();
        return new RunNowFormView(task.Id, TasksUrl.Of(task.Id), fields, builder.Token(context));
    }

    /// <summary>
    /// The parameters of a posted form: each <c>param.NAME</c> field, the last value where a name comes twice (a
    /// checkbox follows its hidden <c>false</c>), an empty field left out so that the default applies.
    /// </summary>
    public static Dictionary<string, string> Read(IFormCollection form)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in form)
        {
            if (key.StartsWith(RunNowFormView.FieldPrefix, StringComparison.Ordinal) && Last(value) is { Length: > 0 } text)
            {
                values[key[RunNowFormView.FieldPrefix.Length..]] = text;
            }
        }

        return values;
    }

    private static string? Last(StringValues values) => values.Count > 0 ? values[values.Count - 1] : null;

    private static ParameterField Field(TaskParameter p, string? value, string? error) => p.Type switch
    {
        ParameterType.Int => Make(p, "number", value, error, step: "1"),
        ParameterType.Number => Make(p, "number", value, error, step: "any"),
        ParameterType.Bool => Make(p, "checkbox", value, error),
        ParameterType.Choice => Make(p, "select", value, error),
        ParameterType.Date => Make(p, "date", value, error, placeholder: "YYYY-MM-DD"),
        ParameterType.Duration => Make(p, "text", value, error, placeholder: "e.g. 90s, 45m, 1h30m"),
        _ => Make(p, "text", value, error, pattern: p.Pattern),
    };

    private static ParameterField Make(TaskParameter p, string input, string? value, string? error, string? step = null, string? placeholder = null, string? pattern = null) =>
        new(p.Name, p.TypeName, input, value, p.Required && p.Type != ParameterType.Bool, pattern, step, placeholder, p.Description, p.Choices, error);
}
