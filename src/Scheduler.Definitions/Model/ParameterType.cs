namespace Scheduler.Definitions.Model;

/// <summary>The type of a task parameter (<c>params.NAME.type</c>): what a value must look like.</summary>
// The members are the type names written in task files (`type: string`), read by their lower-case names.
#pragma warning disable CA1720
public enum ParameterType
{
    String,
    Int,
    Number,
    Bool,
    Choice,
    Duration,
    Date,
}
#pragma warning restore CA1720
