using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Model;

namespace Scheduler.Definitions.Tests.Validation;

public sealed class ChainValidationTests
{
    private const string Export = "schedule: \"0 2 * * *\"\nshell: \"true\"\n";

    private static DefinitionSet Load(params (string Path, string Yaml)[] files) =>
        DefinitionLoader.Load([.. files.Select(f => TaskText.File(f.Yaml, f.Path))], TaskText.From);

    [Fact]
    public void A_chained_task_reads_its_upstreams_outcome_and_wait_with_the_defaults()
    {
        var set = Load(("export.yaml", Export), ("report.yaml", "schedule: { after: export }\nshell: \"true\"\n"));

        var chain = set.Tasks.Single(t => t.Id == "report").Schedule.After!;
        Assert.Equal(["export"], chain.Upstreams);
        Assert.Equal(ChainOutcome.Success, chain.On);
        Assert.Equal(ChainWaitFor.Any, chain.WaitFor);
        Assert.Empty(set.Diagnostics);
    }

    [Fact]
    public void A_list_of_upstreams_with_on_and_wait_for_is_read_as_written()
    {
        var set = Load(("a.yaml", Export), ("b.yaml", Export),
            ("c.yaml", "schedule:\n  after: [a, b]\n  on: finished\n  wait-for: all\nshell: \"true\"\n"));

        var schedule = set.Tasks.Single(t => t.Id == "c").Schedule;
        Assert.Equal(ScheduleKind.After, schedule.Kind);
        Assert.Equal("after a, b (on finished, wait for all)", schedule.Describe());
        Assert.Null(schedule.Slots.NextAfter(TaskText.From));
    }

    [Fact]
    public void An_unknown_upstream_is_an_error_at_the_after_value_with_the_id_one_edit_away()
    {
        var set = Load(("backups/export.yaml", Export), ("report.yaml", "description: r\nschedule: { after: backups/exprot }\nshell: \"true\"\n"));

        var error = Assert.Single(set.Diagnostics);
        Assert.Equal((DiagnosticCodes.UnknownUpstream, "schedules/report.yaml", 2, 20), (error.Code, error.File, error.Line, error.Column));
        Assert.Equal("schedule.after: 'backups/exprot' is not a task in this folder.", error.Message);
        Assert.Equal("Did you mean 'backups/export'?", error.Hint);
        Assert.DoesNotContain(set.Tasks, t => t.Id == "report");
    }

    [Fact]
    public void A_task_after_itself_is_an_error()
    {
        var set = Load(("loop.yaml", "schedule:\n  after: loop\nshell: \"true\"\n"));

        var error = Assert.Single(set.Diagnostics);
        Assert.Equal((DiagnosticCodes.ChainCycle, 2, 10), (error.Code, error.Line, error.Column));
        Assert.Contains("cannot run after itself", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_is_an_error_in_each_of_its_files_printing_the_cycle_from_there()
    {
        var set = Load(
            ("a.yaml", "schedule: { after: c }\nshell: \"true\"\n"),
            ("b.yaml", "schedule: { after: a }\nshell: \"true\"\n"),
            ("c.yaml", "schedule: { after: b }\nshell: \"true\"\n"),
            ("d.yaml", "schedule: { after: c }\nshell: \"true\"\n"));

        var errors = set.Diagnostics.Where(d => d.Code == DiagnosticCodes.ChainCycle).ToDictionary(d => d.File, d => d.Message);
        Assert.Equal(3, errors.Count);
        Assert.Equal("schedule.after: the chain comes back to where it started: a -> b -> c -> a.", errors["schedules/a.yaml"]);
        Assert.Equal("schedule.after: the chain comes back to where it started: b -> c -> a -> b.", errors["schedules/b.yaml"]);
        Assert.Equal(["d"], set.Tasks.Select(t => t.Id));
    }

    [Fact]
    public void A_disabled_upstream_is_a_warning_and_the_task_stays_valid()
    {
        var set = Load(("export.yaml", "enabled: false\n" + Export), ("report.yaml", "schedule: { after: export }\nshell: \"true\"\n"));

        var warning = Assert.Single(set.Diagnostics);
        Assert.Equal((Severity.Warning, DiagnosticCodes.UpstreamDisabled), (warning.Severity, warning.Code));
        Assert.Contains(set.Tasks, t => t.Id == "report");
    }

    [Fact]
    public void A_retired_upstream_the_caller_knows_is_a_warning_SCH103_and_the_task_stays_valid()
    {
        var retired = RetiredUpstreams.RemovedByChange(["export", "report", "gone"], ["report"]);
        var set = DefinitionLoader.Load([TaskText.File("description: r\nschedule: { after: export }\nshell: \"true\"\n", "report.yaml")], TaskText.From, retired);

        var warning = Assert.Single(set.Diagnostics);
        Assert.Equal((Severity.Warning, DiagnosticCodes.UpstreamRetired, 2, 20), (warning.Severity, warning.Code, warning.Line, warning.Column));
        Assert.Equal(
            "schedule.after: upstream 'export' is removed by this change (retired); this task will not run after it until a file defines 'export' again.",
            warning.Message);
        Assert.Contains(set.Tasks, t => t.Id == "report");
    }

    [Fact]
    public void Without_the_retired_ids_a_deleted_upstream_is_unknown_and_a_retired_set_does_not_excuse_a_typo()
    {
        var files = new[] { TaskText.File("schedule: { after: [export, exprot], wait-for: all }\nshell: \"true\"\n", "report.yaml") };

        Assert.All(DefinitionLoader.Load(files, TaskText.From).Diagnostics, d => Assert.Equal(DiagnosticCodes.UnknownUpstream, d.Code));
        var set = DefinitionLoader.Load(files, TaskText.From, RetiredUpstreams.InStore(["export"]));

        Assert.Equal([(DiagnosticCodes.UpstreamRetired, Severity.Warning), (DiagnosticCodes.UnknownUpstream, Severity.Error)], set.Diagnostics.Select(d => (d.Code, d.Severity)));
        Assert.EndsWith("(it waits for all of its upstream tasks, so it will not run at all).", set.Diagnostics.First().Message, StringComparison.Ordinal);
        Assert.Contains("was deleted from the folder (retired)", set.Diagnostics.First().Message, StringComparison.Ordinal);
        Assert.Empty(set.Tasks);
    }

    [Theory]
    [InlineData("schedule: { after: [] }\nshell: \"true\"\n", DiagnosticCodes.InvalidValue)]
    [InlineData("schedule: { after: [x, x] }\nshell: \"true\"\n", DiagnosticCodes.InvalidValue)]
    [InlineData("schedule: { after: Not An Id }\nshell: \"true\"\n", DiagnosticCodes.InvalidValue)]
    [InlineData("schedule: { after: x, on: done }\nshell: \"true\"\n", DiagnosticCodes.InvalidChoice)]
    [InlineData("schedule: { after: x, wait-for: each }\nshell: \"true\"\n", DiagnosticCodes.InvalidChoice)]
    [InlineData("schedule: { every: 1h, on: failure }\nshell: \"true\"\n", DiagnosticCodes.InvalidValue)]
    [InlineData("schedule: { after: x, every: 1h }\nshell: \"true\"\n", DiagnosticCodes.ConflictingSchedules)]
    [InlineData("schedule: { after: x }\njitter: 5m\nshell: \"true\"\n", DiagnosticCodes.InvalidValue)]
    public void A_malformed_chain_is_an_error_of_its_own_file(string yaml, string code)
    {
        var result = TaskText.Read(yaml, "t.yaml");

        Assert.Null(result.Task);
        Assert.Contains(result.Diagnostics, d => d.Code == code);
    }
}
