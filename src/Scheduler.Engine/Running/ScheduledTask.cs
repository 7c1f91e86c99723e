using Scheduler.Definitions.Model;
using Scheduler.Definitions.Parameters;

namespace Scheduler.Engine.Running;

/// <summary>A task the engine should run: its definition (the last good one) and the revision it came from.</summary>
public sealed record ScheduledTask(TaskDefinition Definition, string Revision)
{
    public string Id => Definition.Id;

    /// <summary>What a scheduled run records and sees: the defaults of the task's <c>params:</c>, or null when it declares none.</summary>
    public IReadOnlyDictionary<string, string>? DefaultParameters { get; } =
        Definition.Parameters.Count > 0 ? ParameterValues.Defaults(Definition.Parameters).Values : null;

    /// <summary>
    /// A person's values for a run now, checked against the definition the engine runs by the same rules as
    /// <c>scheduler run --param</c> (<see cref="ParameterValues.Resolve(IReadOnlyList{TaskParameter}, IReadOnlyDictionary{string, string})"/>),
    /// defaults filled in. A task without <c>params:</c> refuses any value and records none (null values).
    /// </summary>
    public (bool IsValid, IReadOnlyDictionary<string, string>? Values, IReadOnlyDictionary<string, string> Errors) CheckParameters(IReadOnlyDictionary<string, string>? given)
    {
        var set = ParameterValues.Resolve(Definition.Parameters, given ?? new Dictionary<string, string>());
        return (set.IsValid, Definition.Parameters.Count > 0 ? set.Values : null, set.Errors);
    }
}
