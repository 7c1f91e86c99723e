namespace Scheduler.Web.Views;

/// <summary>
/// One input of the run-now form: a declared parameter as an HTML input. <see cref="Input"/> is <c>text</c>,
/// <c>number</c>, <c>date</c>, <c>checkbox</c> or <c>select</c>; <see cref="Value"/> is what the field shows (the
/// value sent back after an error, else the default); <see cref="Error"/> why the server refused it.
/// </summary>
public sealed record ParameterField(
    string Name,
    string TypeName,
    string Input,
    string? Value,
    bool Required,
    string? Pattern,
    string? Step,
    string? Placeholder,
    string? Description,
    IReadOnlyList<string> Choices,
    string? Error)
{
    /// <summary>The form field's name: parameters travel as <c>param.NAME</c>, apart from the form's own fields.</summary>
    public string FieldName => RunNowFormView.FieldPrefix + Name;

    /// <summary>The input's id, for its label, help and error text.</summary>
    public string Id => "param-" + Name;

    public bool IsChecked => Value == "true";

    /// <summary>The ids of the help and error text that describe the input, for <c>aria-describedby</c>.</summary>
    public string? DescribedBy =>
        string.Join(' ', new[] { Description is null ? null : Id + "-help", Error is null ? null : Id + "-error" }.OfType<string>()) is { Length: > 0 } ids ? ids : null;
}
