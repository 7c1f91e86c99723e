using System.Text.RegularExpressions;
using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;

namespace Scheduler.Definitions.Parsing;

/// <summary>
/// Reads <c>concurrency: { group: NAME, limit: N }</c>. That every task of a group gives the same limit is a check of
/// the whole folder (<see cref="Loading.GroupCheck"/>); here only the one file's shape.
/// </summary>
internal static partial class ConcurrencyReader
{
    public const int MaxLimit = 10_000;

    /// <summary>The group, or null with the diagnostics said (also when <paramref name="node"/> is absent, which is no error).</summary>
    public static ConcurrencyDefinition? Read(YamlNode? node, ValueReader values)
    {
        if (node is null || values.Mapping(node, "concurrency") is not { } mapping)
        {
            return null;
        }

        var fields = new KeyedFields(mapping, "concurrency", Keys.Concurrency, values.Diagnostics);
        string? group = null;
        if (fields.Value("group") is { } groupNode && values.String(groupNode, "concurrency.group") is { } name)
        {
            if (GroupName().IsMatch(name))
            {
                group = name;
            }
            else
            {
                values.Diagnostics.Error(groupNode.Start, DiagnosticCodes.InvalidValue,
                    $"concurrency.group: '{name}' is not a group name.",
                    "Use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100 characters, e.g. group: db.");
            }
        }

        var limitNode = fields.Value("limit");
        var limit = limitNode is null ? null : values.Int(limitNode, "concurrency.limit", 1, MaxLimit);
        if (fields.Value("group") is null || limitNode is null)
        {
            values.Diagnostics.Error(mapping.Start, DiagnosticCodes.MissingRequired,
                $"concurrency: needs both group: and limit:{(limitNode is null ? ", and has no limit:" : ", and has no group:")}.",
                "Write concurrency: { group: db, limit: 1 }: every task that names the group shares its limit of runs at once.");
            return null;
        }

        return group is null || limit is null ? null : new ConcurrencyDefinition(group, limit.Value, limitNode.Start);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    private static partial Regex GroupName();
}
