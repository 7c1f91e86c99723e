namespace Scheduler.Definitions.Model;

/// <summary>
/// An <c>env</c> or <c>http.headers</c> value: either text written in the file, or a <see cref="SecretReference"/>
/// whose value only the run sees.
/// </summary>
public sealed record TaskValue
{
    private TaskValue(string? text, SecretReference? reference)
    {
        Text = text;
        Reference = reference;
    }

    /// <summary>The text written in the file; null for a reference.</summary>
    public string? Text { get; }

    public SecretReference? Reference { get; }

    public static TaskValue Literal(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), null);

    public static TaskValue From(SecretReference reference) => new(null, reference ?? throw new ArgumentNullException(nameof(reference)));

    /// <summary>What may be shown anywhere: the text, or <c>*** (from-env NAME)</c>.</summary>
    public string Display => Reference?.Display ?? Text!;

    public override string ToString() => Display;
}
