using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Values;

namespace Scheduler.Definitions.Planning;

/// <summary>The canonical text of field values: one line each, text in JSON quotes so spaces and line breaks stay visible.</summary>
internal static class FieldText
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string? Quote(string? text) => text is null ? null : JsonSerializer.Serialize(text, Json);

    /// <summary>Text quoted; a reference as <c>*** (from-env NAME)</c>: the plan never has the value to show.</summary>
    public static string Value(TaskValue value) => value.Reference is { } reference ? reference.Display : Quote(value.Text)!;

    public static string List(IReadOnlyList<string> items) => JsonSerializer.Serialize(items, Json);

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string? Duration(TimeSpan? value) => value is { } span ? Durations.Format(span) : null;

    /// <summary>
    /// <see cref="ScheduleDefinition.DescribeWritten"/> (the jitter is a field of its own), plus the zone of an <c>every</c> schedule when it is not UTC:
    /// the zone only changes how its times are shown, but a reviewer should still see it change.
    /// </summary>
    public static string Schedule(ScheduleDefinition schedule) =>
        schedule.Kind == ScheduleKind.Every && schedule.TimeZoneId != "UTC"
            ? $"{schedule.DescribeWritten()} ({schedule.TimeZoneId})"
            : schedule.DescribeWritten();

    /// <summary>A parameter as one line in flow style, e.g. <c>{ type: choice, choices: ["eu", "us"], default: "eu", required: true }</c>.</summary>
    public static string Parameter(TaskParameter parameter)
    {
        var parts = new List<string> { $"type: {parameter.TypeName}" };
        if (parameter.Choices.Count > 0)
        {
            parts.Add($"choices: {List(parameter.Choices)}");
        }

        if (parameter.Default is { } fallback)
        {
            parts.Add($"default: {Quote(fallback)}");
        }

        if (parameter.Required)
        {
            parts.Add("required: true");
        }

        if (parameter.Pattern is { } pattern)
        {
            parts.Add($"pattern: {Quote(pattern)}");
        }

        if (parameter.Description is { } description)
        {
            parts.Add($"description: {Quote(description)}");
        }

        return $"{{ {string.Join(", ", parts)} }}";
    }
}
