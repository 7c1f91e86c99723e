using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Loading;

namespace Scheduler.Definitions.Tests.Validation;

public sealed class GroupValidationTests
{
    private static DefinitionSet Load(params (string Path, string Yaml)[] files) =>
        DefinitionLoader.Load([.. files.Select(f => TaskText.File(f.Yaml, f.Path))], TaskText.From);

    private static string Task(int limit, string group = "db") =>
        $"schedule: \"0 2 * * *\"\nconcurrency:\n  group: {group}\n  limit: {limit}\nshell: \"true\"\n";

    [Fact]
    public void A_task_reads_its_group_and_limit()
    {
        var set = Load(("backups/db.yaml", Task(2)));

        var group = set.Tasks.Single().Concurrency!;
        Assert.Equal(("db", 2), (group.Group, group.Limit));
        Assert.Equal("waiting for a place in group db (limit 2)", group.Waiting);
        Assert.Empty(set.Diagnostics);
    }

    [Fact]
    public void Tasks_of_one_group_with_the_same_limit_are_valid()
    {
        var set = Load(("backups/a.yaml", Task(1)), ("backups/b.yaml", Task(1)), ("reports/c.yaml", Task(3, "reports")));

        Assert.Equal(3, set.Tasks.Count());
        Assert.Empty(set.Diagnostics);
    }

    [Fact]
    public void A_limit_that_differs_from_the_groups_first_file_is_an_error_at_the_limit_naming_that_file_and_its_limit()
    {
        var set = Load(("backups/b.yaml", Task(2)), ("backups/a.yaml", Task(1)));

        var error = Assert.Single(set.Diagnostics);
        Assert.Equal((DiagnosticCodes.GroupLimitMismatch, "schedules/backups/b.yaml", 4, 10), (error.Code, error.File, error.Line, error.Column));
        Assert.Equal("concurrency.limit: 2 differs from the limit of group 'db' in schedules/backups/a.yaml, which is 1.", error.Message);
        Assert.Equal(
            "Every task of a group shares one limit: write limit: 1 here, or change it in schedules/backups/a.yaml and every other task of group 'db' too.",
            error.Hint);
        Assert.Equal(["backups/a"], set.Tasks.Select(t => t.Id));
    }

    [Fact]
    public void Each_file_that_differs_gets_its_own_error()
    {
        var set = Load(("a.yaml", Task(1)), ("b.yaml", Task(2)), ("c.yaml", Task(3)), ("d.yaml", Task(1)));

        Assert.Equal(["schedules/b.yaml", "schedules/c.yaml"], set.Diagnostics.Select(d => d.File));
        Assert.All(set.Diagnostics, d => Assert.Contains("in schedules/a.yaml, which is 1", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_group_without_a_limit_says_what_is_missing_and_shows_the_shape()
    {
        var set = Load(("a.yaml", "schedule: \"0 2 * * *\"\nconcurrency: { group: db }\nshell: \"true\"\n"));

        var error = Assert.Single(set.Diagnostics);
        Assert.Equal((DiagnosticCodes.MissingRequired, 2, 14), (error.Code, error.Line, error.Column));
        Assert.Equal("concurrency: needs both group: and limit:, and has no limit:.", error.Message);
        Assert.Contains("concurrency: { group: db, limit: 1 }", error.Hint, StringComparison.Ordinal);
    }
}
