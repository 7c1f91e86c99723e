using System.Text.Json;

namespace Scheduler.Tests.Docker;

/// <summary>
/// The instructions of a Dockerfile, read the way Docker reads them: comments dropped, lines joined at a
/// trailing backslash, JSON arrays (exec form) split as JSON. Enough to check the file without a Docker engine.
/// </summary>
internal sealed record Dockerfile(IReadOnlyList<DockerInstruction> Instructions)
{
    public static Dockerfile Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (pending.Length == 0 && (line.TrimStart().StartsWith('#') || line.Trim().Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var whole = (pending + line).Trim();
            pending = "";
            var space = whole.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add(new DockerInstruction(whole[..space].ToUpperInvariant(), whole[(space + 1)..].Trim()));
        }

        return new Dockerfile(instructions);
    }

    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    public DockerInstruction Single(string keyword) => Assert.Single(All(keyword));
}

/// <summary>One instruction: its keyword and the rest of the line.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments)
{
    /// <summary>The arguments as words: the JSON array of the exec form, or split on spaces, flags (--from=…) included.</summary>
    public IReadOnlyList<string> Words =>
        Arguments.StartsWith('[')
            ? JsonSerializer.Deserialize<string[]>(Arguments)!
            : Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The words after the flags (a HEALTHCHECK's options, a COPY's --from).</summary>
    public IReadOnlyList<string> Operands => [.. Words.SkipWhile(w => w.StartsWith("--", StringComparison.Ordinal))];

    public string? Flag(string name) =>
        Words.FirstOrDefault(w => w.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..];
}
