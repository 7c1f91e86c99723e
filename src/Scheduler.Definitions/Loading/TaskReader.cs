using System.Text.RegularExpressions;
using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Parsing;

namespace Scheduler.Definitions.Loading;

/// <summary>
/// Reads and validates one task file. Pure: bytes in, a task and diagnostics out; <c>from</c> is the
/// instant the DST warnings look ahead from, passed in because the core has no clock.
/// </summary>
public static partial class TaskReader
{
    private static readonly Dictionary<string, CatchUpPolicy> CatchUpChoices = new(StringComparer.Ordinal)
    {
        ["none"] = CatchUpPolicy.None, ["latest"] = CatchUpPolicy.Latest, ["all"] = CatchUpPolicy.All,
    };

    private static readonly Dictionary<string, OverlapPolicy> OverlapChoices = new(StringComparer.Ordinal)
    {
        ["forbid"] = OverlapPolicy.Forbid, ["allow"] = OverlapPolicy.Allow, ["replace"] = OverlapPolicy.Replace,
    };

    public static TaskFileResult Read(SourceFile file, DateTimeOffset from)
    {
        var diagnostics = new DiagnosticBag(file.DisplayPath);
        var id = TaskIds.FromPath(file.RelativePath);
        if (!TaskIds.IsValid(id))
        {
            diagnostics.Error(SourcePosition.FileStart, DiagnosticCodes.InvalidTaskId,
                $"The task id '{id}' (the file's path under the schedules folder) may use only lowercase letters, digits, '-', '_' and '/'.",
                $"Rename the file to '{TaskIds.Suggest(id)}{Path.GetExtension(file.RelativePath)}'.");
        }

        var task = TaskDefinitionFrom(file, id, from, diagnostics);
        // In file order, as an editor lists them; OrderBy is stable, so same-position problems keep the order found.
        IReadOnlyList<Diagnostic> ordered = diagnostics.Items.Count switch
        {
            0 => [],
            1 => [diagnostics.Items[0]],
            _ => diagnostics.Items.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList(),
        };
        return new TaskFileResult(id, file.DisplayPath, diagnostics.HasErrors ? null : task, ordered);
    }

    private static TaskDefinition? TaskDefinitionFrom(SourceFile file, string id, DateTimeOffset from, DiagnosticBag diagnostics)
    {
        if (file.ReadError is not null)
        {
            diagnostics.Error(SourcePosition.FileStart, DiagnosticCodes.FileUnreadable, $"The file cannot be read: {file.ReadError}",
                "Check the file's permissions; the scheduler needs to read every file in the schedules folder.");
            return null;
        }

        if (TextDecoder.Decode(file.Content.Span, diagnostics) is not { } text)
        {
            return null;
        }

        var root = YamlTreeReader.Read(text, diagnostics);
        if (root is null || root is YamlScalar { IsNull: true })
        {
            if (!diagnostics.HasErrors)
            {
                diagnostics.Error(SourcePosition.FileStart, DiagnosticCodes.EmptyFile, "The file is empty: a task needs a schedule and a handler.",
                    "Add at least schedule: and a handler such as command:, or delete the file.");
            }

            return null;
        }

        if (root is not YamlMapping mapping)
        {
            diagnostics.Error(root.Start, DiagnosticCodes.NotAMapping, $"A task file must be a mapping of keys, but this one is {root.KindName}.",
                "Start with keys such as description:, schedule: and command:, one per line.");
            return null;
        }

        return Fields(file, id, mapping, from, diagnostics);
    }

    private static TaskDefinition? Fields(SourceFile file, string id, YamlMapping mapping, DateTimeOffset from, DiagnosticBag diagnostics)
    {
        var values = new ValueReader(diagnostics);
        var fields = new KeyedFields(mapping, "", Keys.Task, diagnostics);

        var description = Optional(fields, "description", n => values.String(n, "description", allowEmpty: true));
        var enabled = fields.Value("enabled") is { } enabledNode ? values.Bool(enabledNode, "enabled") : true;
        ScheduleDefinition? schedule = null;
        if (fields.Value("schedule") is { } scheduleNode)
        {
            schedule = new ScheduleReader(values).Read(scheduleNode, from);
            if (schedule is not null && fields.Value("jitter") is { } jitterNode)
            {
                schedule = JitterReader.Apply(schedule, jitterNode, id, values, from);
            }
        }
        else
        {
            diagnostics.Error(mapping.Start, DiagnosticCodes.MissingSchedule, "The task has no schedule.",
                "Add schedule: with one of cron, every, daily, weekly, after or manual: true, e.g. schedule: \"*/5 * * * *\".");
        }

        var catchUp = fields.Value("catch-up") is { } catchUpNode ? values.Choice(catchUpNode, "catch-up", CatchUpChoices) : CatchUpPolicy.Latest;
        var maxCatchUp = fields.Value("max-catch-up") is { } maxNode ? values.Int(maxNode, "max-catch-up", 1, 10_000) : TaskDefinition.DefaultMaxCatchUp;
        var deadline = Optional(fields, "starting-deadline", n => values.Duration(n, "starting-deadline", TimeSpan.FromSeconds(1), TimeSpan.FromDays(366)));
        var overlap = fields.Value("overlap") is { } overlapNode ? values.Choice(overlapNode, "overlap", OverlapChoices) : OverlapPolicy.Forbid;
        var timeout = fields.Value("timeout") is { } timeoutNode
            ? values.Duration(timeoutNode, "timeout", TimeSpan.FromSeconds(1), TimeSpan.FromDays(7))
            : TaskDefinition.DefaultTimeout;
        var killGrace = fields.Value("kill-grace") is { } graceNode
            ? values.Duration(graceNode, "kill-grace", TimeSpan.Zero, TimeSpan.FromHours(1))
            : TaskDefinition.DefaultKillGrace;
        var retry = fields.Value("retry") is { } retryNode ? Retry(retryNode, values) : RetryPolicy.None;
        var environment = fields.Value("env") is { } envNode
            ? values.ValueMap(envNode, "env", EnvironmentName(), "environment variable name", "Use letters, digits and '_', not starting with a digit, e.g. BACKUP_DIR.")
            : new Dictionary<string, TaskValue>();
        if (environment is not null)
        {
            CheckReservedNames(environment, (YamlMapping?)fields.Value("env"), diagnostics);
        }

        var workingDirectory = Optional(fields, "working-directory", n => values.String(n, "working-directory"));
        var parameters = fields.Value("params") is { } paramsNode ? ParamsReader.Read(paramsNode, schedule, values) : [];
        // Templates may read the declared parameters; a broken declaration still names them, so a reference is not reported twice.
        var declared = fields.Value("params") is YamlMapping declaredNode
            ? declaredNode.Entries.Select(e => e.Key.Value).ToList()
            : [];
        var handler = new HandlerReader(new ValueReader(diagnostics) { ParameterNames = declared }).Read(fields);
        var notify = fields.Value("notify") is { } notifyNode ? new NotifyReader(values).Read(notifyNode) : null;
        var priority = PriorityReader.Read(fields.Value("priority"), handler, values);
        var concurrency = ConcurrencyReader.Read(fields.Value("concurrency"), values);
        var suspendAfter = Optional(fields, "suspend-after-failures", n => values.Int(n, "suspend-after-failures", 1, 1000));
        SecretScan.Check(mapping, "", diagnostics);

        if (diagnostics.HasErrors || schedule is null || handler is null || enabled is null || catchUp is null || maxCatchUp is null
            || overlap is null || timeout is null || killGrace is null || retry is null || environment is null || priority is null
            || parameters is null)
        {
            return null;
        }

        return new TaskDefinition(id, file.DisplayPath, description, enabled.Value, schedule, catchUp.Value, maxCatchUp.Value, deadline,
            overlap.Value, timeout.Value, killGrace.Value, retry, environment, workingDirectory, handler, notify, priority.Value,
            parameters)
        {
            SuspendAfterFailures = suspendAfter,
            Concurrency = concurrency,
        };
    }

    private static T? Optional<T>(KeyedFields fields, string key, Func<YamlNode, T?> read) =>
        fields.Value(key) is { } node ? read(node) : default;

    private static RetryPolicy? Retry(YamlNode node, ValueReader values)
    {
        if (values.Mapping(node, "retry") is not { } mapping)
        {
            return null;
        }

        var fields = new KeyedFields(mapping, "retry", Keys.Retry, values.Diagnostics);
        if (fields.Value("attempts") is not { } attemptsNode)
        {
            values.Diagnostics.Error(mapping.Start, DiagnosticCodes.MissingRequired, "retry: 'attempts' is missing.",
                "Add attempts: 2 (how many times to retry after a failure).");
            return null;
        }

        var attempts = values.Int(attemptsNode, "retry.attempts", 0, 100);
        var backoff = fields.Value("backoff") is { } backoffNode
            ? values.Duration(backoffNode, "retry.backoff", TimeSpan.FromSeconds(1), TimeSpan.FromDays(1))
            : TimeSpan.FromSeconds(30);
        return attempts is not null && backoff is not null ? new RetryPolicy(attempts.Value, backoff.Value) : null;
    }

    private static void CheckReservedNames(Dictionary<string, TaskValue> environment, YamlMapping? mapping, DiagnosticBag diagnostics)
    {
        foreach (var (key, _) in mapping?.Entries ?? [])
        {
            if (key.Value.StartsWith("SCHEDULER_", StringComparison.Ordinal))
            {
                diagnostics.Error(key.Start, DiagnosticCodes.InvalidValue, $"env.{key.Value}: names starting with SCHEDULER_ are set by the scheduler for every run.",
                    "Pick another name; read the run's context from SCHEDULER_TASK_ID, SCHEDULER_RUN_ID, SCHEDULER_SLOT, SCHEDULER_ATTEMPT and SCHEDULER_TRIGGER.");
                environment.Remove(key.Value);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*\\z")]
    private static partial Regex EnvironmentName();
}
