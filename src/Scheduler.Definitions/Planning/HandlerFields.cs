using Scheduler.Definitions.Model;

namespace Scheduler.Definitions.Planning;

/// <summary>A handler's fields under its own key (<c>command</c>, <c>http.url</c>, …), so switching handlers shows the old key going and the new one coming.</summary>
internal static class HandlerFields
{
    public static void Add(HandlerDefinition handler, Action<string, string?> add)
    {
        switch (handler)
        {
            case CommandHandler command:
                add("command", FieldText.List(command.Arguments));
                break;
            case ShellHandler shell:
                add("shell", FieldText.Quote(shell.Script));
                break;
            case HttpHandler http:
                add("http.url", FieldText.Quote(http.Url));
                add("http.method", http.Method);
                add("http.expect-status", http.ExpectStatus.Count == 0 ? "any 2xx" : $"[{string.Join(", ", http.ExpectStatus)}]");
                add("http.timeout", FieldText.Duration(http.Timeout));
                foreach (var (name, value) in http.Headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
                {
                    add($"http.headers.{name}", FieldText.Value(value));
                }

                add("http.body", FieldText.Quote(http.Body));
                break;
            case SqliteBackupHandler backup:
                add("sqlite-backup.database", FieldText.Quote(backup.Database));
                add("sqlite-backup.to", FieldText.Quote(backup.To));
                add("sqlite-backup.keep", FieldText.Number(backup.Keep));
                break;
            case CleanupHandler cleanup:
                add("cleanup.path", FieldText.Quote(cleanup.Path));
                add("cleanup.pattern", FieldText.Quote(cleanup.Pattern));
                add("cleanup.older-than", FieldText.Duration(cleanup.OlderThan));
                add("cleanup.keep-last", cleanup.KeepLast is { } keep ? FieldText.Number(keep) : null);
                add("cleanup.max-total-size", cleanup.MaxTotalBytes is { } bytes ? $"{FieldText.Number(bytes)} bytes" : null);
                add("cleanup.dry-run", FieldText.Bool(cleanup.DryRun));
                break;
            default:
                // A handler kind added to the model without a case here still shows up as changed when its record differs.
                add(handler.Kind, handler.ToString());
                break;
        }
    }
}
