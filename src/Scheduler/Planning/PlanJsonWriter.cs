using System.Text.Json;
using Scheduler.Definitions.Planning;
using Scheduler.Output;

namespace Scheduler.Planning;

/// <summary>
/// The plan for tools: <c>{"base","baseCommit","head","headCommit","valid","added","changed","removed","invalid","warnings","diagnostics"}</c>.
/// <c>head</c> and <c>headCommit</c> are null for the working tree; an added or changed task is
/// <c>{"id","file","fields":[{"field","old","new"}],"next":[{"utc","local","note"}]}</c>; diagnostics have validate's shape.
/// </summary>
internal static class PlanJsonWriter
{
    public static void Write(TextWriter output, PlanReport report)
    {
        var plan = report.Plan;
        var document = new
        {
            @base = report.Base.Name,
            baseCommit = report.Base.Sha,
            head = report.Head?.Name,
            headCommit = report.Head?.Sha,
            valid = report.IsValid,
            added = plan.Added.Select(Task),
            changed = plan.Changed.Select(Task),
            removed = plan.Removed.Select(r => new { id = r.Id, file = r.File }),
            invalid = plan.Invalid.Select(f => new { id = f.TaskId, file = f.DisplayPath }),
            warnings = plan.Warnings.Select(w => new { id = w.TaskId, kind = w.KindName, message = w.Message }),
            diagnostics = report.Diagnostics.Select(d => new
            {
                file = d.File,
                line = d.Line,
                column = d.Column,
                severity = DiagnosticWriter.SeverityName(d.Severity),
                code = d.Code,
                message = d.Message,
                hint = d.Hint,
            }),
        };
        output.WriteLine(JsonSerializer.Serialize(document, JsonOutput.Options));
    }

    private static object Task(PlannedTask planned) => new
    {
        id = planned.Id,
        file = planned.Task.SourcePath,
        fields = planned.Fields.Select(f => new { field = f.Field, old = f.Old, @new = f.New }),
        after = planned.After,
        next = planned.Next.Select(s => new
        {
            utc = SlotText.Utc(s),
            local = Commands.NextCommand.FormatLocal(s.Local),
            note = Commands.NextCommand.NoteName(s.Note),
        }),
    };
}
