using Scheduler.Definitions.Planning;
using Scheduler.Output;

namespace Scheduler.Planning;

/// <summary>The plan for people reading a terminal or a CI log.</summary>
internal static class PlanTextWriter
{
    public const string NotSet = "(not set)";

    public static void Write(TextWriter output, PlanReport report)
    {
        var plan = report.Plan;
        output.WriteLine($"Plan: {Revision.Label(report.Base)} → {Revision.Label(report.Head)}");
        output.WriteLine($"{report.Summary()}.");
        if (plan.IsEmpty)
        {
            output.WriteLine("No task is added, changed or removed.");
        }

        Section(output, "Added", plan.Added, task => Task(output, '+', task, report.Count, isChange: false));
        Section(output, "Changed", plan.Changed, task => Task(output, '~', task, report.Count, isChange: true));
        Section(output, "Removed", plan.Removed, task => output.WriteLine($"  - {task.Id}  {task.File}"));
        Section(output, "Invalid at head (see the errors below; a task that was valid keeps running its last good version)", plan.Invalid,
            file => output.WriteLine($"  ! {file.TaskId}  {file.DisplayPath}"));
        Section(output, "Warnings", plan.Warnings, warning => output.WriteLine($"  ! {warning.TaskId}: {warning.Message}"));

        if (report.Diagnostics.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(report.IsValid ? "Warnings from validate:" : "Head is invalid:");
            DiagnosticWriter.WriteText(output, report.Diagnostics);
        }
    }

    private static void Section<T>(TextWriter output, string title, IReadOnlyList<T> items, Action<T> write)
    {
        if (items.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine(title);
        foreach (var item in items)
        {
            write(item);
        }
    }

    private static void Task(TextWriter output, char mark, PlannedTask planned, int count, bool isChange)
    {
        output.WriteLine($"  {mark} {planned.Id}  {planned.Task.SourcePath}");
        foreach (var field in planned.Fields)
        {
            output.WriteLine(isChange
                ? $"      {field.Field}: {field.Old ?? NotSet} → {field.New ?? NotSet}"
                : $"      {field.Field}: {field.New}");
        }

        if (planned.Next.Count == 0)
        {
            output.WriteLine($"      {SlotText.NoSlots(planned)}");
            return;
        }

        output.WriteLine($"      next {PlanReport.Plural(Math.Min(count, planned.Next.Count), "slot")} ({SlotText.Zones(planned.Task)}):");
        foreach (var slot in planned.Next)
        {
            var note = SlotText.Note(slot) is { } text ? $"  ({text})" : "";
            output.WriteLine($"        {SlotText.Local(slot)}   {SlotText.Utc(slot)}{note}");
        }
    }
}
