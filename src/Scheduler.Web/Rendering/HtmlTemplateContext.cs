using System.Net;
using Scriban;
using Scriban.Parsing;

namespace Scheduler.Web.Rendering;

/// <summary>
/// The one place where page output is escaped. Scriban writes every <c>{{ expression }}</c> through
/// <see cref="Write(SourceSpan, object)"/> and the template's own text through another overload, so encoding
/// here escapes every value a template prints (task output, definition text, ids, reasons), while the
/// template's markup stays markup. Only a <see cref="SafeHtml"/> value is written raw.
/// </summary>
internal sealed class HtmlTemplateContext : TemplateContext
{
    public HtmlTemplateContext()
    {
        StrictVariables = true; // a misspelt variable is a bug to see in tests, not an empty cell
        EnableRelaxedMemberAccess = false;
        // Scriban stops a loop after 1,000 iterations by default, a guard for untrusted templates. These are ours and
        // loop over the store's rows: the overview of 1,000 tasks plus the system tasks must render.
        LoopLimit = 0;
        // And it cuts a rendered page at 1 MiB (LimitToString), which an overview of 1,000 tasks passes.
        LimitToString = 0;
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject) =>
        base.Write(span, Encode(textAsObject));

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) =>
        base.WriteAsync(span, Encode(textAsObject));

    private string Encode(object? value) => value switch
    {
        null => "",
        SafeHtml safe => safe.Html,
        _ => WebUtility.HtmlEncode(ObjectToString(value) ?? ""),
    };
}
