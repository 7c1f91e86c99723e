using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Scheduling;

namespace Scheduler.Definitions.Parsing;

/// <summary>
/// Reads a chained schedule, <c>schedule: { after: a | [a, b], on: success, wait-for: any }</c>. Whether the upstream
/// ids exist, and whether they form a cycle, is a question about the whole folder: <see cref="ChainCheck"/> answers it.
/// </summary>
internal static class ChainReader
{
    private static readonly Dictionary<string, ChainOutcome> Outcomes = new(StringComparer.Ordinal)
    {
        ["success"] = ChainOutcome.Success, ["failure"] = ChainOutcome.Failure, ["finished"] = ChainOutcome.Finished,
    };

    private static readonly Dictionary<string, ChainWaitFor> WaitFors = new(StringComparer.Ordinal)
    {
        ["any"] = ChainWaitFor.Any, ["all"] = ChainWaitFor.All,
    };

    public static ScheduleDefinition? Read(KeyedFields fields, ValueReader values, string zoneId)
    {
        var node = fields.Value("after")!;
        var upstreams = Upstreams(node, values);
        var on = fields.Value("on") is { } onNode ? values.Choice(onNode, "schedule.on", Outcomes) : ChainOutcome.Success;
        var waitFor = fields.Value("wait-for") is { } waitNode ? values.Choice(waitNode, "schedule.wait-for", WaitFors) : ChainWaitFor.Any;
        if (upstreams is null || on is null || waitFor is null)
        {
            return null;
        }

        var chain = new ChainDefinition(upstreams, on.Value, waitFor.Value, node.Start);
        return new ScheduleDefinition(ScheduleKind.After, string.Join(", ", upstreams), null, zoneId, ManualSchedule.Instance, After: chain);
    }

    /// <summary>Reports <c>on</c> or <c>wait-for</c> beside a schedule kind other than <c>after</c>.</summary>
    public static void RefuseOutside(KeyedFields fields, string kind, DiagnosticBag diagnostics)
    {
        foreach (var key in Keys.Chain.Where(fields.Has))
        {
            diagnostics.Error(fields.KeyNode(key)!.Start, DiagnosticCodes.InvalidValue,
                $"schedule.{key}: only a chained schedule (after:) takes '{key}', but this one is '{kind}'.",
                $"Remove {key}:, or make the task run after another: schedule: {{ after: backups/export, {key}: ... }}.");
        }
    }

    private static List<string>? Upstreams(YamlNode node, ValueReader values)
    {
        var items = node is YamlSequence sequence ? sequence.Items : [node];
        if (items.Count == 0)
        {
            values.Diagnostics.Error(node.Start, DiagnosticCodes.InvalidValue, "schedule.after: the list is empty.",
                "Name at least one task id, e.g. after: backups/export.");
            return null;
        }

        var ids = new List<string>(items.Count);
        var ok = true;
        for (var i = 0; i < items.Count; i++)
        {
            var path = node is YamlSequence ? Paths.Index("schedule.after", i) : "schedule.after";
            if (values.String(items[i], path) is not { } id)
            {
                ok = false;
            }
            else if (!TaskIds.IsValid(id))
            {
                ok = false;
                values.Diagnostics.Error(items[i].Start, DiagnosticCodes.InvalidValue, $"{path}: '{id}' is not a task id.",
                    "A task id is the file's path under schedules/ without extension, e.g. backups/nightly-db.");
            }
            else if (ids.Contains(id, StringComparer.Ordinal))
            {
                ok = false;
                values.Diagnostics.Error(items[i].Start, DiagnosticCodes.InvalidValue, $"{path}: '{id}' is listed twice.", "List each upstream task once.");
            }
            else
            {
                ids.Add(id);
            }
        }

        return ok ? ids : null;
    }
}
