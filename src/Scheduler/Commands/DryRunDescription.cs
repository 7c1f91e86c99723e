using Scheduler.Definitions.Model;
using Scheduler.Definitions.Values;
using Scheduler.Engine.Handlers;

namespace Scheduler.Commands;

/// <summary>What <c>scheduler run --dry-run</c> prints: the run as the handler would start it, templates rendered.</summary>
internal static class DryRunDescription
{
    public static void Write(TextWriter output, RunContext run, string currentDirectory)
    {
        var task = run.Task;
        output.WriteLine($"Task {task.Id} ({task.SourcePath}), slot {TimeText.Utc(run.Slot)}, attempt {run.Attempt}, trigger manual");
        if (task.Parameters.Count > 0)
        {
            output.WriteLine("params:");
            var values = run.ParameterValues;
            foreach (var parameter in task.Parameters)
            {
                var shown = values.TryGetValue(parameter.Name, out var value) ? value : "(no value)";
                var note = parameter.Default is not null && value == parameter.Default ? " (default)" : "";
                output.WriteLine($"  {parameter.Name} ({parameter.TypeName}) = {shown}{note}");
            }
        }

        output.WriteLine($"handler: {task.Handler.Kind}");
        switch (task.Handler)
        {
            case CommandHandler command:
                output.WriteLine("argv:");
                foreach (var argument in command.Arguments)
                {
                    output.WriteLine($"  {Render(argument, run)}");
                }

                break;
            case ShellHandler shell:
                output.WriteLine("argv: /bin/sh -c SCRIPT");
                output.WriteLine("script:");
                foreach (var line in Render(shell.Script, run).TrimEnd('\n').Split('\n'))
                {
                    output.WriteLine($"  {line}");
                }

                break;
            case HttpHandler http:
                output.WriteLine($"request: {http.Method} {Render(http.Url, run)} (timeout {Durations.Format(http.Timeout)}, expect {(http.ExpectStatus.Count == 0 ? "2xx" : string.Join(", ", http.ExpectStatus))})");
                foreach (var (name, value) in http.Headers)
                {
                    output.WriteLine($"  {name}: {value.Display}");
                }

                if (http.Body is { } body)
                {
                    output.WriteLine($"body: {Render(body, run)}");
                }

                break;
            case SqliteBackupHandler backup:
                output.WriteLine($"backup: {backup.Database} -> {backup.To} (keep {backup.Keep})");
                break;
            case CleanupHandler cleanup:
                output.WriteLine($"cleanup: {cleanup.Path}/**/{cleanup.Pattern}: older-than {Show(cleanup.OlderThan)}, keep-last {cleanup.KeepLast?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, max-total-size {cleanup.MaxTotalBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}{(cleanup.DryRun ? ", dry-run" : "")}");
                break;
        }

        output.WriteLine($"working directory: {Path.GetFullPath(task.WorkingDirectory ?? ".", currentDirectory)}");
        output.WriteLine($"timeout: {Durations.Format(task.Timeout)}, then TERM to the process group, {Durations.Format(task.KillGrace)} grace, KILL");
        output.WriteLine("environment (the whole of it: the scheduler's own is not passed on):");
        foreach (var (name, value) in RunEnvironment.Shown(run).OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {name}={value}");
        }

        // Read them as the run would, to say which would fail it here; the values themselves are never printed.
        if (RunSecrets.Resolve(task, Environment.GetEnvironmentVariable, out var unresolved) is null)
        {
            output.WriteLine($"warning: a run here would fail: {unresolved}");
        }
    }

    private static string Render(string text, RunContext run) =>
        TemplateRenderer.TryRender(text, run, out var rendered, out var error) ? rendered : $"{text}  (template error: {error})";

    private static string Show(TimeSpan? span) => span is { } s ? Durations.Format(s) : "-";
}
