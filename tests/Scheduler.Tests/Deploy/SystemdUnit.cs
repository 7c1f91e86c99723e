namespace Scheduler.Tests.Deploy;

/// <summary>A unit file's settings as systemd reads them: comments dropped, a key that repeats keeps every value.</summary>
internal sealed record SystemdUnit(IReadOnlyList<(string Section, string Key, string Value)> Settings)
{
    public static SystemdUnit Load(string path)
    {
        var settings = new List<(string, string, string)>();
        var section = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line.StartsWith('['))
            {
                section = line.Trim('[', ']');
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            settings.Add((section, line[..equals].Trim(), line[(equals + 1)..].Trim()));
        }

        return new SystemdUnit(settings);
    }

    /// <summary>The value of a [Service] setting; fails when it is missing or set more than once.</summary>
    public string Service(string key) => Assert.Single(Settings, s => s.Section == "Service" && s.Key == key).Value;
}
