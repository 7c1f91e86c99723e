using System.Globalization;
using System.Text;

namespace Scheduler.Benchmarks.Validate;

/// <summary>The handler part of a generated task: a command, a shell line or an HTTP call, with templates in some of their strings.</summary>
internal sealed partial class TaskFileGenerator
{
    private void Handler(StringBuilder yaml, List<string> templates, string service)
    {
        var roll = _random.NextDouble();
        if (roll < 0.40)
        {
            Command(yaml, templates, service);
        }
        else if (roll < 0.60)
        {
            Shell(yaml, templates, service);
        }
        else if (roll < 0.78)
        {
            Http(yaml, templates, service);
        }
        else if (roll < 0.89)
        {
            yaml.AppendLine("sqlite-backup:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  database: ./data/{service}.db");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  to: ./data/backups/{service}");
            if (Chance(0.7))
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"  keep: {_random.Next(1, 30)}");
            }
        }
        else
        {
            yaml.AppendLine("cleanup:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  path: ./data/logs/{service}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  pattern: \"{Pick(["*.log", "*.tmp", "report-*.csv", "*"])}\"");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  older-than: {Pick(["1d", "7d", "14d", "30d"])}");
            if (Chance(0.5))
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"  keep-last: {_random.Next(0, 20)}");
            }

            if (Chance(0.3))
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"  max-total-size: {Pick(["500MB", "1GB", "2GiB"])}");
            }

            if (Chance(0.2))
            {
                yaml.AppendLine("  dry-run: true");
            }
        }
    }

    private void Command(StringBuilder yaml, List<string> templates, string service)
    {
        List<string> arguments = [Pick(Programs), Pick(["export", "sync", "--verbose", "run"]), $"--service={service}"];
        if (Chance(0.5))
        {
            arguments.Add(Pick(["--slot={{ run.slot }}", "{{ task.id }}", "--attempt={{ run.attempt }}", "--run={{ run.id }}-{{ run.trigger }}"]));
        }

        if (Chance(0.4))
        {
            arguments.Add(Pick(["--dry-run", "--limit=500", "./data/out", "--format=json"]));
        }

        templates.AddRange(arguments);
        if (Chance(0.6))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"command: [{string.Join(", ", arguments.Select(a => $"\"{a}\""))}]");
        }
        else
        {
            yaml.AppendLine("command:");
            foreach (var argument in arguments)
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"  - \"{argument}\"");
            }
        }
    }

    private void Shell(StringBuilder yaml, List<string> templates, string service)
    {
        if (Chance(0.3))
        {
            var line = $"./bin/{service} --quiet >> ./data/logs/{service}.log 2>&1";
            templates.Add(line);
            yaml.AppendLine(CultureInfo.InvariantCulture, $"shell: \"{line}\"");
            return;
        }

        List<string> lines = [$"set -eu", $"mkdir -p ./data/out/{service}"];
        lines.Add(Chance(0.6)
            ? $"./bin/{service} export --slot \"{{{{ run.slot }}}}\" > ./data/out/{service}/export.json"
            : $"./bin/{service} export > ./data/out/{service}/export.json");
        if (Chance(0.4))
        {
            lines.Add($"echo \"done: {{{{ task.id }}}} run {{{{ run.id }}}}\" >> ./data/out/{service}/done.log");
        }

        templates.Add(string.Join("\n", lines) + "\n");
        yaml.AppendLine("shell: |");
        foreach (var line in lines)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  {line}");
        }
    }

    private void Http(StringBuilder yaml, List<string> templates, string service)
    {
        var url = Chance(0.4)
            ? $"https://{service}.internal.example.com/jobs/{{{{ task.id }}}}?slot={{{{ run.slot }}}}"
            : $"https://{service}.internal.example.com/healthz";
        var post = Chance(0.4);
        templates.Add(url);
        yaml.AppendLine("http:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  url: \"{url}\"");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  method: {(post ? "POST" : Pick(["GET", "get", "HEAD"]))}");
        if (Chance(0.6))
        {
            yaml.AppendLine(Chance(0.5) ? "  expect-status: [200, 204]" : "  expect-status: 200");
        }

        if (Chance(0.5))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  timeout: {Pick(["5s", "10s", "30s", "500ms"])}");
        }

        if (Chance(0.5))
        {
            yaml.AppendLine("  headers:");
            yaml.AppendLine("    User-Agent: scheduler");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    X-Service: {service}");
        }

        if (post)
        {
            const string body = "{\"slot\": \"{{ run.slot }}\", \"attempt\": {{ run.attempt }}}";
            templates.Add(body);
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  body: '{body}'");
        }
    }
}
