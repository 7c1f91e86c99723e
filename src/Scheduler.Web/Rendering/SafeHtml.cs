namespace Scheduler.Web.Rendering;

/// <summary>
/// Markup that is already safe to write as is: the output of a template, or HTML built in C# from encoded
/// parts (the duration chart). The only value <see cref="HtmlTemplateContext"/> writes without escaping.
/// </summary>
internal sealed record SafeHtml(string Html)
{
    public static SafeHtml Empty { get; } = new("");

    public override string ToString() => Html;
}
