using System.CommandLine;

namespace Scheduler.Commands;

/// <summary>The <c>--format</c> option, limited to the formats a command supports; the first one is the default.</summary>
internal static class FormatOption
{
    public static Option<string> Create(params string[] formats)
    {
        var option = new Option<string>("--format")
        {
            Description = $"Output format: {string.Join(", ", formats)}.",
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }
}
