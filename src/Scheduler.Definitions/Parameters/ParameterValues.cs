using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Values;

namespace Scheduler.Definitions.Parameters;

/// <summary>
/// Checks and converts parameter values against a task's declared <c>params:</c>, the same for a default in a file,
/// <c>scheduler run --param NAME=VALUE</c> and (later) the API. Pure: text in, canonical text or the reason out.
/// </summary>
public static class ParameterValues
{
    /// <summary>How long a <c>pattern</c> may take on one value: a pattern is user input and may backtrack badly.</summary>
    public static TimeSpan PatternTimeout { get; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The regex a <c>pattern</c> means: it must match the whole value. Throws <see cref="ArgumentException"/> when it is not a regex.</summary>
    public static Regex PatternRegex(string pattern) =>
        new($"\\A(?:{pattern})\\z", RegexOptions.CultureInvariant, PatternTimeout);

    /// <summary>
    /// The canonical text of <paramref name="text"/> as a value of <paramref name="parameter"/> (<c>true</c>, <c>42</c>,
    /// <c>1h30m</c>, <c>2026-12-07</c>), or false with why it is refused, written for the person who gave it.
    /// </summary>
    public static bool TryConvert(TaskParameter parameter, string text, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(text);
        value = null;
        error = null;
        switch (parameter.Type)
        {
            case ParameterType.String:
                return MatchesPattern(parameter, text, out value, out error);
            case ParameterType.Int when long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number):
                value = number.ToString(CultureInfo.InvariantCulture);
                return true;
            case ParameterType.Int:
                error = $"'{text}' is not a whole number: write e.g. 42 or -3.";
                return false;
            case ParameterType.Number when double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real):
                value = real.ToString("R", CultureInfo.InvariantCulture);
                return true;
            case ParameterType.Number:
                error = $"'{text}' is not a number: write e.g. 0.5 or 12 (a '.' for decimals).";
                return false;
            case ParameterType.Bool when bool.TryParse(text.Trim(), out var flag):
                value = flag ? "true" : "false";
                return true;
            case ParameterType.Bool:
                error = $"'{text}' is not true or false.";
                return false;
            case ParameterType.Choice when parameter.Choices.Contains(text, StringComparer.Ordinal):
                value = text;
                return true;
            case ParameterType.Choice:
                var near = parameter.Choices.FirstOrDefault(c => string.Equals(c, text.Trim(), StringComparison.OrdinalIgnoreCase));
                error = $"'{text}' is not one of the choices {string.Join(", ", parameter.Choices)}" + (near is null ? "." : $": did you mean '{near}'?");
                return false;
            case ParameterType.Duration:
                if (Durations.TryParse(text, out var span, out var reason))
                {
                    value = Durations.Format(span);
                    return true;
                }

                error = $"'{text}' is not a duration ({reason}): write e.g. 90s, 45m, 2h or 1h30m.";
                return false;
            case ParameterType.Date when DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                value = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return true;
            case ParameterType.Date:
                error = $"'{text}' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-07.";
                return false;
            default:
                throw new ArgumentOutOfRangeException(nameof(parameter), parameter.Type, "unknown parameter type");
        }
    }

    /// <summary>The values of a run from <c>NAME=VALUE</c> texts (<c>--param</c>): the given ones checked, the rest from the defaults.</summary>
    public static ParameterSet Resolve(IReadOnlyList<TaskParameter> declared, IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                errors[assignment] = $"'{assignment}' is not NAME=VALUE: write e.g. {Example(declared)}.";
                continue;
            }

            var name = assignment[..equals];
            if (!given.TryAdd(name, assignment[(equals + 1)..]))
            {
                errors[name] = "is given twice: give each parameter once.";
            }
        }

        var resolved = Resolve(declared, given);
        foreach (var (name, error) in resolved.Errors)
        {
            errors.TryAdd(name, error);
        }

        return resolved with { Errors = errors };
    }

    /// <summary>The values of a run from values by name (the API's <c>{"params":{...}}</c>): the given ones checked, the rest from the defaults.</summary>
    public static ParameterSet Resolve(IReadOnlyList<TaskParameter> declared, IReadOnlyDictionary<string, string> given)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(given);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in given.Keys.Where(n => !declared.Any(p => p.Name == n)))
        {
            errors[name] = declared.Count == 0
                ? "is not a parameter: this task declares no params."
                : $"is not a parameter of this task: its parameters are {string.Join(", ", declared.Select(p => p.Name))}.";
        }

        foreach (var parameter in declared)
        {
            if (given.TryGetValue(parameter.Name, out var text))
            {
                if (TryConvert(parameter, text, out var value, out var error))
                {
                    values[parameter.Name] = value;
                }
                else
                {
                    errors[parameter.Name] = error;
                }
            }
            else if (parameter.Default is { } fallback)
            {
                values[parameter.Name] = fallback;
            }
            else if (parameter.Required)
            {
                errors[parameter.Name] = $"is required and has no default: give it a value ({parameter.TypeName}).";
            }
        }

        return new ParameterSet(values, errors);
    }

    /// <summary>The values of a run nobody gave parameters to (a scheduled run): the defaults.</summary>
    public static ParameterSet Defaults(IReadOnlyList<TaskParameter> declared) =>
        Resolve(declared, new Dictionary<string, string>());

    private static bool MatchesPattern(TaskParameter parameter, string text, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        if (parameter.Pattern is { } pattern)
        {
            try
            {
                if (!PatternRegex(pattern).IsMatch(text))
                {
                    error = $"'{text}' does not match the pattern '{pattern}' (the whole value must match).";
                    return false;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                error = $"the pattern '{pattern}' took longer than {PatternTimeout.TotalMilliseconds:0}ms on '{text}': give a shorter value, or simplify the pattern.";
                return false;
            }
        }

        value = text;
        return true;
    }

    private static string Example(IReadOnlyList<TaskParameter> declared) =>
        declared.Count == 0 ? "NAME=VALUE" : $"{declared[0].Name}={declared[0].Default ?? "VALUE"}";
}
