using Scheduler.Definitions.Planning;
using Scheduler.Output;

namespace Scheduler.Planning;

/// <summary>
/// The plan for <c>$GITHUB_STEP_SUMMARY</c> and pull request comments: a heading, a summary line, a
/// table of changed fields per task, and each task's next slots folded in a <c>&lt;details&gt;</c> block.
/// </summary>
internal static class PlanMarkdownWriter
{
    public static void Write(TextWriter output, PlanReport report)
    {
        var plan = report.Plan;
        output.WriteLine("## Scheduler plan");
        output.WriteLine();
        var validity = report.IsValid ? "Head is valid." : $"**Head is invalid**: {PlanReport.Plural(report.ErrorCount, "error")}, listed below.";
        output.WriteLine($"{Markdown.Code(Revision.Label(report.Base))} → {Markdown.Code(Revision.Label(report.Head))}: **{report.Summary()}**. {validity}");
        if (plan.IsEmpty)
        {
            output.WriteLine();
            output.WriteLine("No task is added, changed or removed.");
        }

        Section(output, "Added", plan.Added, task => Task(output, task, report.Count, isChange: false));
        Section(output, "Changed", plan.Changed, task => Task(output, task, report.Count, isChange: true));
        Table(output, "Removed", plan.Removed, ["task", "file"], task => [Markdown.Code(task.Id), Markdown.Code(task.File)]);
        Table(output, "Invalid at head", plan.Invalid, ["task", "file"], file => [Markdown.Code(file.TaskId), Markdown.Code(file.DisplayPath)]);
        if (plan.Invalid.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("A task that was valid before keeps running its last good version until its file is fixed.");
        }

        if (plan.Warnings.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("### Warnings");
            output.WriteLine();
            foreach (var warning in plan.Warnings)
            {
                output.WriteLine($"- {Markdown.Code(warning.TaskId)}: {Markdown.Cell(warning.Message)}");
            }
        }
        if (report.Diagnostics.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(report.IsValid ? "### Warnings from validate" : "### Errors");
            output.WriteLine();
            output.WriteLine("```text");
            DiagnosticWriter.WriteText(output, report.Diagnostics);
            output.WriteLine("```");
        }
    }

    private static void Section<T>(TextWriter output, string title, IReadOnlyList<T> items, Action<T> write)
    {
        if (items.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine($"### {title}");
        foreach (var item in items)
        {
            output.WriteLine();
            write(item);
        }
    }

    private static void Table<T>(TextWriter output, string title, IReadOnlyList<T> items, string[] headers, Func<T, string[]> cells)
    {
        if (items.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine($"### {title}");
        output.WriteLine();
        Row(output, headers);
        Row(output, headers.Select(_ => "---"));
        foreach (var item in items)
        {
            Row(output, cells(item));
        }
    }

    private static void Row(TextWriter output, IEnumerable<string> cells) => output.WriteLine($"| {string.Join(" | ", cells)} |");

    private static void Task(TextWriter output, PlannedTask planned, int count, bool isChange)
    {
        output.WriteLine($"#### {Markdown.Code(planned.Id)}");
        output.WriteLine();
        output.WriteLine($"{Markdown.Code(planned.Task.SourcePath)}");
        output.WriteLine();
        if (isChange)
        {
            Row(output, ["field", "old", "new"]);
            Row(output, ["---", "---", "---"]);
            foreach (var field in planned.Fields)
            {
                Row(output, [field.Field, Value(field.Old), Value(field.New)]);
            }
        }
        else
        {
            Row(output, ["field", "value"]);
            Row(output, ["---", "---"]);
            foreach (var field in planned.Fields)
            {
                Row(output, [field.Field, Value(field.New)]);
            }
        }

        output.WriteLine();
        if (planned.Next.Count == 0)
        {
            output.WriteLine(SlotText.NoSlots(planned));
            return;
        }

        var first = planned.Next[0];
        output.WriteLine($"<details><summary>Next {PlanReport.Plural(Math.Min(count, planned.Next.Count), "slot")}, from {Markdown.Html(SlotText.Utc(first))} ({Markdown.Html(SlotText.Zones(planned.Task))})</summary>");
        output.WriteLine();
        Row(output, [$"local ({Markdown.Cell(planned.Task.Schedule.TimeZoneId)})", "UTC", "note"]);
        Row(output, ["---", "---", "---"]);
        foreach (var slot in planned.Next)
        {
            Row(output, [SlotText.Local(slot), SlotText.Utc(slot), SlotText.Note(slot) ?? ""]);
        }

        output.WriteLine();
        output.WriteLine("</details>");
    }

    private static string Value(string? text) => text is null ? "*not set*" : Markdown.Code(text);
}
