using System.Text.RegularExpressions;
using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;

namespace Scheduler.Definitions.Parsing;

/// <summary>Reads the task's one handler: <c>command</c>, <c>shell</c>, <c>http</c>, <c>sqlite-backup</c> or <c>cleanup</c>.</summary>
internal sealed partial class HandlerReader(ValueReader values)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    private DiagnosticBag Diagnostics => values.Diagnostics;

    public HandlerDefinition? Read(KeyedFields task)
    {
        var kinds = Keys.Handlers.Where(task.Has).ToList();
        if (kinds.Count == 0)
        {
            Diagnostics.Error(task.Mapping.Start, DiagnosticCodes.MissingHandler, "The task has no handler: nothing would run.",
                "Add one of command: [\"program\", \"arg\"], shell: \"script\", http: { url: ... }, sqlite-backup: { ... } or cleanup: { ... }.");
            return null;
        }

        foreach (var extra in kinds.Skip(1))
        {
            Diagnostics.Error(task.KeyNode(extra)!.Start, DiagnosticCodes.ConflictingHandlers,
                $"{extra}: a task has exactly one handler, but '{kinds[0]}' is given too.",
                $"Keep either '{kinds[0]}' or '{extra}'; to do both, use shell: or two tasks.");
        }

        var node = task.Value(kinds[0])!;
        return kinds[0] switch
        {
            "command" => Command(node),
            "shell" => TemplateText.Read(values, node, "shell") is { } script ? new ShellHandler(script) : null,
            "http" => Http(node),
            "sqlite-backup" => SqliteBackup(node),
            _ => Cleanup(node),
        };
    }

    private CommandHandler? Command(YamlNode node)
    {
        if (node is YamlScalar { IsNull: false })
        {
            Diagnostics.Error(node.Start, DiagnosticCodes.WrongType, $"command: expected a list of arguments, found {ValueReader.Describe(node)}.",
                "Write the program and its arguments as a list, e.g. [\"sqlite3\", \"app.db\"]; for a shell command line use shell: instead.");
            return null;
        }

        if (values.List(node, "command") is not { } list)
        {
            return null;
        }

        if (list.Items.Count == 0)
        {
            Diagnostics.Error(node.Start, DiagnosticCodes.InvalidValue, "command: the list is empty.", "Start the list with the program to run, e.g. [\"echo\", \"hello\"].");
            return null;
        }

        var arguments = new List<string>(list.Items.Count);
        var ok = true;
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (TemplateText.Read(values, list.Items[i], Paths.Index("command", i), allowEmpty: i > 0) is { } argument)
            {
                arguments.Add(argument);
            }
            else
            {
                ok = false;
            }
        }

        return ok ? new CommandHandler(arguments) : null;
    }

    private HttpHandler? Http(YamlNode node)
    {
        if (values.Mapping(node, "http") is not { } mapping)
        {
            return null;
        }

        var fields = new KeyedFields(mapping, "http", Keys.Http, Diagnostics);
        var urlNode = Required(fields, "http", "url", "Add url: \"https://example.com/health\".");
        var url = urlNode is null ? null : TemplateText.Read(values, urlNode, "http.url");
        if (url is not null && !IsHttpUrl(url))
        {
            Diagnostics.Error(urlNode!.Start, DiagnosticCodes.InvalidValue, $"http.url: '{url}' is not an absolute http or https URL.",
                "Write the full URL, e.g. \"https://example.com/health\".");
            url = null;
        }

        var method = fields.Value("method") is { } methodNode ? Method(methodNode) : "GET";
        var expect = fields.Value("expect-status") is { } expectNode ? ExpectStatus(expectNode) : [];
        var timeout = fields.Value("timeout") is { } timeoutNode
            ? values.Duration(timeoutNode, "http.timeout", TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1))
            : HttpHandler.DefaultTimeout;
        var headers = fields.Value("headers") is { } headersNode ? values.ValueMap(headersNode, "http.headers", HeaderName(), "header name", "Use letters, digits and '-', e.g. Authorization.") : new Dictionary<string, TaskValue>();
        var body = fields.Value("body") is { } bodyNode ? TemplateText.Read(values, bodyNode, "http.body", allowEmpty: true) : null;
        var bodyOk = fields.Value("body") is null || body is not null;

        return url is not null && method is not null && expect is not null && timeout is not null && headers is not null && bodyOk
            ? new HttpHandler(url, method, expect, timeout.Value, headers, body)
            : null;
    }

    private string? Method(YamlNode node)
    {
        if (values.String(node, "http.method") is not { } text)
        {
            return null;
        }

        if (Methods.Contains(text.ToUpperInvariant()))
        {
            return text.ToUpperInvariant();
        }

        Diagnostics.Error(node.Start, DiagnosticCodes.InvalidChoice, $"http.method: '{text}' is not an HTTP method this handler sends.",
            $"Use one of {string.Join(", ", Methods)}.");
        return null;
    }

    private List<int>? ExpectStatus(YamlNode node)
    {
        var items = node is YamlSequence sequence ? sequence.Items : [node];
        var codes = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = node is YamlSequence ? Paths.Index("http.expect-status", i) : "http.expect-status";
            if (values.Int(items[i], path, 100, 599) is not { } code)
            {
                return null;
            }

            codes.Add(code);
        }

        return codes;
    }

    private SqliteBackupHandler? SqliteBackup(YamlNode node)
    {
        if (values.Mapping(node, "sqlite-backup") is not { } mapping)
        {
            return null;
        }

        var fields = new KeyedFields(mapping, "sqlite-backup", Keys.SqliteBackup, Diagnostics);
        var database = PathValue(fields, "sqlite-backup", "database", "Add database: ./data/app.db.");
        var to = PathValue(fields, "sqlite-backup", "to", "Add to: ./data/backups (the folder the backups go to).");
        var keep = fields.Value("keep") is { } keepNode ? values.Int(keepNode, "sqlite-backup.keep", 1, 10_000) : SqliteBackupHandler.DefaultKeep;
        return database is not null && to is not null && keep is not null ? new SqliteBackupHandler(database, to, keep.Value) : null;
    }

    private CleanupHandler? Cleanup(YamlNode node)
    {
        if (values.Mapping(node, "cleanup") is not { } mapping)
        {
            return null;
        }

        var fields = new KeyedFields(mapping, "cleanup", Keys.Cleanup, Diagnostics);
        var path = PathValue(fields, "cleanup", "path", "Add path: ./data/logs (the folder to clean).");
        if (path is not null && IsFileSystemRoot(path))
        {
            Diagnostics.Error(fields.Value("path")!.Start, DiagnosticCodes.InvalidValue, $"cleanup.path: '{path}' is the root of a file system.",
                "Point cleanup at the folder that holds the files to delete, e.g. ./data/logs.");
            path = null;
        }

        var pattern = fields.Value("pattern") is { } patternNode ? values.String(patternNode, "cleanup.pattern") : "*";
        if (pattern is not null && (pattern.Contains('/', StringComparison.Ordinal) || pattern.Contains("..", StringComparison.Ordinal)))
        {
            Diagnostics.Error(fields.Value("pattern")!.Start, DiagnosticCodes.InvalidValue, $"cleanup.pattern: '{pattern}' must be a file-name pattern, without '/' or '..'.",
                "Match file names, e.g. \"*.log\"; cleanup looks into subfolders of path by itself.");
            pattern = null;
        }

        var olderThan = fields.Value("older-than") is { } olderNode
            ? values.Duration(olderNode, "cleanup.older-than", TimeSpan.FromMinutes(1), TimeSpan.FromDays(3650)) : null;
        var keepLast = fields.Value("keep-last") is { } keepNode ? values.Int(keepNode, "cleanup.keep-last", 0, 1_000_000) : null;
        var maxSize = fields.Value("max-total-size") is { } sizeNode ? values.Size(sizeNode, "cleanup.max-total-size") : null;
        var dryRun = fields.Value("dry-run") is { } dryNode ? values.Bool(dryNode, "cleanup.dry-run") : false;

        if (!fields.Has("older-than") && !fields.Has("keep-last") && !fields.Has("max-total-size"))
        {
            Diagnostics.Error(mapping.Start, DiagnosticCodes.MissingRequired, "cleanup: no rule says which files to delete.",
                "Add at least one of older-than: 14d, keep-last: 5 or max-total-size: 1GB; without one, every matching file would go.");
            return null;
        }

        var rulesOk = (olderThan is not null || !fields.Has("older-than"))
            && (keepLast is not null || !fields.Has("keep-last"))
            && (maxSize is not null || !fields.Has("max-total-size"));
        return path is not null && pattern is not null && dryRun is not null && rulesOk
            ? new CleanupHandler(path, pattern, olderThan, keepLast, maxSize, dryRun.Value)
            : null;
    }

    private YamlNode? Required(KeyedFields fields, string parent, string key, string hint)
    {
        if (fields.Value(key) is { } node)
        {
            return node;
        }

        Diagnostics.Error(fields.Mapping.Start, DiagnosticCodes.MissingRequired, $"{parent}: '{key}' is missing.", hint);
        return null;
    }

    private string? PathValue(KeyedFields fields, string parent, string key, string hint) =>
        Required(fields, parent, key, hint) is { } node ? values.String(node, $"{parent}.{key}") : null;

    private static bool IsHttpUrl(string url)
    {
        // A templated URL is checked up to its first template; the rest is only known at run time.
        var literal = url.Split("{{", 2)[0];
        return literal.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || literal.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? literal.Length == url.Length ? Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0 : true
            : false;
    }

    /// <summary>
    /// True for '/', '//', '/tmp/..' and the like (resolved against any base, they are a root), and for '~':
    /// the scheduler does not expand it, but whoever wrote it meant their home folder.
    /// </summary>
    private static bool IsFileSystemRoot(string path)
    {
        var trimmed = path.Trim();
        var full = System.IO.Path.GetFullPath(trimmed, "/base-for-the-check");
        return full == System.IO.Path.GetPathRoot(full) || trimmed is "~" or "~/";
    }

    [GeneratedRegex("^[A-Za-z0-9!#$%&'*+.^_`|~-]+\\z")]
    private static partial Regex HeaderName();
}
