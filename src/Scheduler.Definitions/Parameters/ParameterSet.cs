namespace Scheduler.Definitions.Parameters;

/// <summary>
/// The parameters of one run, checked: <see cref="Values"/> holds each declared parameter that has a value (given or
/// its default) as canonical text; <see cref="Errors"/> holds why each bad one was refused, by parameter name
/// (<c>{"NAME": "why"}</c>, as the API answers it).
/// </summary>
public sealed record ParameterSet(IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors)
{
    /// <summary>No parameters at all: a task that declares none.</summary>
    public static ParameterSet Empty { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string>());

    public bool IsValid => Errors.Count == 0;
}
