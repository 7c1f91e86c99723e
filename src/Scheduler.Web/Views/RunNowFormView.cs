namespace Scheduler.Web.Views;

/// <summary>
/// The model of the run-now form of a task with <c>params:</c> (<c>/actions/run-now?task=ID</c>): one field per
/// parameter, and after a refused post the values sent and why each bad one was refused.
/// </summary>
public sealed record RunNowFormView(string TaskId, string TaskUrl, IReadOnlyList<ParameterField> Fields, FormToken Form)
{
    /// <summary>The prefix of a parameter's form field (<c>param.region</c>).</summary>
    public const string FieldPrefix = "param.";

    /// <summary>The hidden field that says a post came from this form (its parameters, not the defaults, are meant).</summary>
    public const string MarkerField = "with-params";

    public bool HasErrors => Fields.Any(f => f.Error is not null);
}
