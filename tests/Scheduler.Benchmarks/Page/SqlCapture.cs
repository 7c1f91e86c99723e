using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Scheduler.Benchmarks.Page;

/// <summary>Keeps the SQL of EF Core's <c>Executed DbCommand</c> log lines while <see cref="Enabled"/>.</summary>
internal sealed partial class SqlCapture : ILoggerProvider, ILogger
{
    public const string Category = "Microsoft.EntityFrameworkCore.Database.Command";

    public List<string> Commands { get; } = [];

    public bool Enabled { get; set; }

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (Enabled && Executed().Match(formatter(state, exception)) is { Success: true } match)
        {
            lock (Commands)
            {
                Commands.Add(match.Groups["sql"].Value.Trim());
            }
        }
    }

    public void Dispose()
    {
    }

    [GeneratedRegex(@"^Executed DbCommand \(\d+ms\) \[Parameters=\[.*?\], CommandType='\w+', CommandTimeout='\d+'\]\s*(?<sql>.*)$", RegexOptions.Singleline)]
    private static partial Regex Executed();
}
