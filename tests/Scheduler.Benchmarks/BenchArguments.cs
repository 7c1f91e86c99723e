using System.Globalization;

namespace Scheduler.Benchmarks;

/// <summary>
/// The options after the subcommand: <c>--name value</c> pairs and bare <c>--flag</c>s. Hand-rolled
/// because a benchmark needs a handful of numbers, and every subcommand should parse them alike.
/// Every option must be consumed by the subcommand, so a typo fails instead of silently using a default.
/// </summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private BenchArguments()
    {
    }

    public bool Help { get; private set; }

    /// <summary>Bare arguments before the options, for subcommands with a fixed command line (fire follows the peers' protocol: <c>N DURATION</c>).</summary>
    public IReadOnlyList<string> Positional => _positional;

    private readonly List<string> _positional = [];

    private int _positionalUsed;

    /// <summary>Options are <c>--name value</c>, <c>--name=value</c> or a bare <c>--flag</c> (followed by another option or nothing).</summary>
    public static BenchArguments Parse(ReadOnlySpan<string> args)
    {
        var parsed = new BenchArguments();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                parsed.Help = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) && parsed._options.Count == 0)
            {
                parsed._positional.Add(arg);
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new FormatException($"unexpected argument '{arg}'.");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = equals > 0
                ? (arg[2..equals], arg[(equals + 1)..])
                : (arg[2..], i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null);
            if (!parsed._options.TryAdd(name, value))
            {
                throw new FormatException($"--{name} is given twice.");
            }
        }

        return parsed;
    }

    public int Int(string name, int defaultValue, int min)
    {
        if (Text(name) is not { } text)
        {
            return defaultValue;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new FormatException($"--{name} expects a whole number of at least {min}, found '{text}'.");
    }

    public string? Text(string name)
    {
        if (!_options.TryGetValue(name, out var value))
        {
            return null;
        }

        _used.Add(name);
        return value ?? throw new FormatException($"--{name} expects a value.");
    }

    public bool Flag(string name)
    {
        if (!_options.TryGetValue(name, out var value))
        {
            return false;
        }

        _used.Add(name);
        return value is null ? true : throw new FormatException($"--{name} takes no value, found '{value}'.");
    }

    /// <summary>The bare argument at <paramref name="index"/> as a whole number, or <paramref name="defaultValue"/> when absent.</summary>
    public int PositionalInt(int index, string name, int defaultValue, int min)
    {
        if (index >= _positional.Count)
        {
            return defaultValue;
        }

        _positionalUsed = Math.Max(_positionalUsed, index + 1);
        var text = _positional[index];
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new FormatException($"{name} expects a whole number of at least {min}, found '{text}'.");
    }

    /// <summary>Call after reading every option: anything left over is a typo or an option of another subcommand.</summary>
    public void RejectUnused()
    {
        if (_positional.Count > _positionalUsed)
        {
            throw new FormatException($"unexpected argument '{_positional[_positionalUsed]}'.");
        }

        var unused = _options.Keys.Where(name => !_used.Contains(name)).Select(name => $"--{name}").ToList();
        if (unused.Count > 0)
        {
            throw new FormatException($"unknown option{(unused.Count == 1 ? "" : "s")} {string.Join(", ", unused)}.");
        }
    }
}
