using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Templates;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Scheduler.Engine.Handlers;

/// <summary>
/// Renders a task's template text (command arguments, shell script, http url and body) for one run, over
/// <c>task.id</c>, <c>run.id</c>, <c>run.slot</c>, <c>run.attempt</c>, <c>run.trigger</c> and the task's <c>params.NAME</c>.
/// </summary>
public static class TemplateRenderer
{
    /// <summary>
    /// The rendered text, or false with the reason. Text without <c>{{</c> comes back as it is, unparsed.
    /// Validation already parsed every template; a failure here means a bug or a definition that skipped it.
    /// </summary>
    public static bool TryRender(string text, RunContext context, [NotNullWhen(true)] out string? rendered, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        rendered = null;
        error = null;
        if (!TemplateChecker.LooksLikeTemplate(text))
        {
            rendered = text;
            return true;
        }

        var template = Template.Parse(text);
        if (template.HasErrors)
        {
            error = $"the template '{text}' does not parse: {string.Join("; ", template.Messages)}";
            return false;
        }

        try
        {
            rendered = template.Render(CreateContext(context));
            return true;
        }
        catch (ScriptRuntimeException ex)
        {
            error = $"the template '{text}' failed to render: {ex.OriginalMessage}";
            return false;
        }
    }

    /// <summary>Like <see cref="TryRender"/>, throwing <see cref="InvalidOperationException"/> with the reason.</summary>
    public static string Render(string text, RunContext context) =>
        TryRender(text, context, out var rendered, out var error) ? rendered : throw new InvalidOperationException(error);

    private static TemplateContext CreateContext(RunContext run)
    {
        var globals = new ScriptObject
        {
            ["task"] = new ScriptObject { ["id"] = run.Task.Id },
            ["run"] = new ScriptObject
            {
                ["id"] = run.RunId,
                ["slot"] = RunValues.Slot(run.Slot),
                ["attempt"] = run.Attempt,
                ["trigger"] = RunValues.Trigger(run.Trigger),
            },
            ["upstream"] = new ScriptObject
            {
                ["task_id"] = run.Upstream?.TaskId ?? "",
                ["run_id"] = run.Upstream is { } upstream ? RunValues.Id(upstream.RunId) : "",
                ["status"] = run.Upstream?.Status ?? "",
                ["exit_code"] = run.Upstream?.ExitCode is { } code ? code.ToString(CultureInfo.InvariantCulture) : "",
            },
        };

        globals["params"] = Parameters(run);

        // Strict: an unknown variable is an error, not empty text (validation reports it first; this is the backstop).
        var context = new TemplateContext { StrictVariables = true };
        context.PushGlobal(globals);
        return context;
    }

    /// <summary>
    /// Each declared parameter typed, so <c>{{ if params.dry_run }}</c> tests a bool and <c>{{ params.count + 1 }}</c> adds;
    /// one without a value (optional, no default, not given) is empty text.
    /// </summary>
    private static ScriptObject Parameters(RunContext run)
    {
        var values = run.ParameterValues;
        var parameters = new ScriptObject();
        foreach (var parameter in run.Task.Parameters)
        {
            parameters[parameter.Name] = values.TryGetValue(parameter.Name, out var text) ? Typed(parameter.Type, text) : "";
        }

        return parameters;
    }

    private static object Typed(ParameterType type, string text) => type switch
    {
        ParameterType.Int when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
        ParameterType.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => real,
        ParameterType.Bool when bool.TryParse(text, out var flag) => flag,
        _ => text,
    };
}
