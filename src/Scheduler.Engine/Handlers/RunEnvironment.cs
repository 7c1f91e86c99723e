using System.Collections;
using System.Collections.Frozen;

namespace Scheduler.Engine.Handlers;

/// <summary>
/// The environment of a <c>command</c> or <c>shell</c> run, built clean: a few basics of the scheduler's environment,
/// the names the operator passes on (<see cref="PassEnvironment"/>), the task's <c>env</c>, then the <c>SCHEDULER_*</c>
/// variables of the run, with one <c>SCHEDULER_PARAM_NAME</c> per declared parameter. Never the scheduler's own settings (<c>Scheduler__*</c>, connection strings, host settings):
/// they hold the API token, the store's password and webhook secrets.
/// </summary>
public static class RunEnvironment
{
    public const string TaskId = "SCHEDULER_TASK_ID";
    public const string RunId = "SCHEDULER_RUN_ID";
    public const string Slot = "SCHEDULER_SLOT";
    public const string Attempt = "SCHEDULER_ATTEMPT";
    public const string Trigger = "SCHEDULER_TRIGGER";
    public const string UpstreamRunId = "SCHEDULER_UPSTREAM_RUN_ID";
    public const string UpstreamTaskId = "SCHEDULER_UPSTREAM_TASK_ID";

    /// <summary>The run's trace context (W3C), as OpenTelemetry SDKs read it from the environment; only while tracing is on.</summary>
    public const string TraceParent = "TRACEPARENT";

    /// <summary>What every run gets when the scheduler has it (plus every <c>LC_*</c>): what programs need to find themselves and speak.</summary>
    public static IReadOnlyList<string> Basics { get; } = ["PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "TZ", "TMPDIR"];

    private static readonly FrozenSet<string> BasicNames = Basics.ToFrozenSet(StringComparer.Ordinal);

    // How the scheduler's settings arrive as variables, matched without case (`scheduler__api__token` configures it
    // too): .NET configuration sections, also behind the DOTNET_/ASPNETCORE_ host prefixes, and the connection-string
    // prefixes .NET configuration maps. Inherited SCHEDULER_* names are dropped: the run's own are set last.
    private static readonly string[] NeverPassedSections = ["Scheduler__", "ConnectionStrings__", "Kestrel__"];

    private static readonly string[] NeverPassedPrefixes =
        ["SCHEDULER_", "TRACEPARENT", "TRACESTATE", "SQLCONNSTR_", "SQLAZURECONNSTR_", "MYSQLCONNSTR_", "CUSTOMCONNSTR_", "POSTGRESQLCONNSTR_"];

    /// <summary>
    /// The whole environment the run's process gets, from <paramref name="inherited"/> (the scheduler's environment when
    /// null), credentials resolved: for a handler that builds a process environment from scratch.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Variables(RunContext context, IDictionary? inherited = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Build(context, inherited ?? Environment.GetEnvironmentVariables(), context.Secrets.ValueOf, name => null);
    }

    /// <summary>
    /// <see cref="Variables"/> as it may be shown (<c>--dry-run</c>): credentials as <c>*** (from-env NAME)</c>, and the
    /// values of variables passed on by <see cref="PassEnvironment"/>, which may be credentials too, as <c>*** (passed on)</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Shown(RunContext context, IDictionary? inherited = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Build(context, inherited ?? Environment.GetEnvironmentVariables(), value => value.Display,
            name => IsBasic(name) ? null : "*** (passed on from the scheduler's environment)");
    }

    private static Dictionary<string, string> Build(
        RunContext context, IDictionary inherited, Func<Definitions.Model.TaskValue, string> valueOf, Func<string, string?> shownAs)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in inherited)
        {
            if (entry is { Key: string name, Value: string value } && IsPassed(name, context.PassEnvironment))
            {
                variables[name] = shownAs(name) ?? value;
            }
        }

        foreach (var (name, value) in context.Task.Environment)
        {
            variables[name] = valueOf(value);
        }

        // Set last so they always describe the run: validation already refuses SCHEDULER_ names in env.
        variables[TaskId] = context.Task.Id;
        variables[RunId] = RunValues.Id(context.RunId);
        variables[Slot] = RunValues.Slot(context.Slot);
        variables[Attempt] = RunValues.Attempt(context.Attempt);
        variables[Trigger] = RunValues.Trigger(context.Trigger);
        if (context.TraceParent is { } traceParent)
        {
            variables[TraceParent] = traceParent;
        }

        if (context.Upstream is { } upstream)
        {
            variables[UpstreamRunId] = RunValues.Id(upstream.RunId);
            variables[UpstreamTaskId] = upstream.TaskId;
        }

        // Every declared parameter is set, empty when it has no value, so a script can rely on the name existing.
        var parameters = context.ParameterValues;
        foreach (var parameter in context.Task.Parameters)
        {
            variables[parameter.VariableName] = parameters.GetValueOrDefault(parameter.Name, "");
        }

        return variables;
    }

    /// <summary>
    /// <see cref="Variables"/> as changes to the environment a child process inherits: every inherited variable the run
    /// must not see is there with a null value, which removes it (CliWrap's <c>WithEnvironmentVariables</c> only adds
    /// and overrides, and removes a variable set to null).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> For(RunContext context)
    {
        var inherited = Environment.GetEnvironmentVariables();
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in Variables(context, inherited))
        {
            changes[name] = value;
        }

        foreach (DictionaryEntry entry in inherited)
        {
            if (entry.Key is string name && !changes.ContainsKey(name))
            {
                changes[name] = null;
            }
        }

        return changes;
    }

    /// <summary>True when a variable of the scheduler's environment may reach a run.</summary>
    public static bool IsPassed(string name, PassEnvironment pass)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(pass);
        // Cheap checks first: this runs for every inherited variable at every process start.
        return IsBasic(name) || (pass.Allows(name) && !IsSchedulerSetting(name));
    }

    private static bool IsBasic(string name) => BasicNames.Contains(name) || name.StartsWith("LC_", StringComparison.Ordinal);

    private static bool IsSchedulerSetting(string name) =>
        Array.Exists(NeverPassedPrefixes, prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        || (name.Contains("__", StringComparison.Ordinal)
            && Array.Exists(NeverPassedSections, section => name.Contains(section, StringComparison.OrdinalIgnoreCase)));
}
