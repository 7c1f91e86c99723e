using System.Collections.Concurrent;
using System.Reflection;
using Scriban;
using Scriban.Runtime;

namespace Scheduler.Web.Rendering;

/// <summary>
/// Renders the embedded Scriban templates (<c>Templates/*.html</c>), each parsed once and cached, with the
/// escaping of <see cref="HtmlTemplateContext"/>. A model's properties appear in snake case
/// (<c>NextRunLocal</c> is <c>next_run_local</c>).
/// </summary>
internal sealed class PageRenderer
{
    private const string ResourcePrefix = "Scheduler.Web.Templates.";
    private readonly ConcurrentDictionary<string, Template> _templates = new(StringComparer.Ordinal);

    public SafeHtml Render(string name, object model)
    {
        var template = _templates.GetOrAdd(name, Load);
        var globals = new ScriptObject();
        globals.Import(model);
        var context = new HtmlTemplateContext();
        context.PushGlobal(globals);
        return new SafeHtml(template.Render(context));
    }

    private static Template Load(string name)
    {
        var assembly = typeof(PageRenderer).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name + ".html")
            ?? throw new InvalidOperationException($"There is no embedded template '{name}' (looked for {ResourcePrefix}{name}.html in {assembly.GetName().Name}).");
        using var reader = new StreamReader(stream);
        var template = Template.Parse(reader.ReadToEnd(), name);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"The template '{name}' does not parse: {string.Join("; ", template.Messages)}");
        }

        return template;
    }
}
