using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Planning;

namespace Scheduler.Definitions.Tests.Planning;

public sealed class PlannerTests
{
    private const string Nightly = """
        schedule: "30 2 * * *"
        command: ["backup"]
        """;

    [Fact]
    public void An_unchanged_task_is_not_in_the_plan()
    {
        var plan = Compare([("nightly.yaml", Nightly)], [("nightly.yaml", Nightly + "\n# a comment changes nothing\n")]);

        Assert.True(plan.IsEmpty);
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void A_changed_task_lists_each_changed_field_old_and_new()
    {
        var after = """
            schedule: { daily: "03:15", timezone: Europe/Berlin }
            timeout: 30m
            command: ["backup", "--full"]
            """;

        var plan = Compare([("nightly.yaml", Nightly)], [("nightly.yaml", after)]);

        var changed = Assert.Single(plan.Changed);
        Assert.Equal("nightly", changed.Id);
        Assert.Equal(
            [
                new FieldChange("schedule", "cron 30 2 * * * (UTC)", "daily 03:15 (Europe/Berlin)"),
                new FieldChange("timeout", "1h", "30m"),
                new FieldChange("command", "[\"backup\"]", "[\"backup\",\"--full\"]"),
            ],
            changed.Fields);
        Assert.Empty(plan.Added);
        Assert.Empty(plan.Removed);
    }

    [Fact]
    public void Map_entries_are_compared_one_key_at_a_time()
    {
        var before = Nightly + "\nenv: { KEEP: a, CHANGE: old, DROP: x }\n";
        var after = Nightly + "\nenv: { KEEP: a, CHANGE: new, ADD: y }\n";

        var changed = Assert.Single(Compare([("n.yaml", before)], [("n.yaml", after)]).Changed);

        Assert.Equal(
            [new FieldChange("env.ADD", null, "\"y\""), new FieldChange("env.CHANGE", "\"old\"", "\"new\""), new FieldChange("env.DROP", "\"x\"", null)],
            changed.Fields);
    }

    [Fact]
    public void A_concurrency_group_added_or_changed_shows_as_one_field()
    {
        var before = Nightly + "\nconcurrency: { group: db, limit: 1 }\n";
        var after = Nightly + "\nconcurrency: { group: db, limit: 2 }\n";

        var changed = Assert.Single(Compare([("n.yaml", before)], [("n.yaml", after)]).Changed);
        var added = Assert.Single(Compare([("n.yaml", Nightly)], [("n.yaml", before)]).Changed);

        Assert.Equal([new FieldChange("concurrency", "{ group: db, limit: 1 }", "{ group: db, limit: 2 }")], changed.Fields);
        Assert.Equal([new FieldChange("concurrency", null, "{ group: db, limit: 1 }")], added.Fields);
    }

    [Fact]
    public void Parameter_changes_show_one_field_per_parameter()
    {
        var before = Nightly + "\nparams: { env: { type: choice, choices: [a, b], default: a }, keep: { type: int, default: 7 }, old: {} }\n";
        var after = Nightly + "\nparams: { env: { type: choice, choices: [a, b, c], default: c }, keep: { type: int, default: 007 }, day: { type: date, default: 2026-12-07 } }\n";

        var changed = Assert.Single(Compare([("n.yaml", before)], [("n.yaml", after)]).Changed);

        Assert.Equal(
            [
                new FieldChange("params.env", "{ type: choice, choices: [\"a\",\"b\"], default: \"a\" }", "{ type: choice, choices: [\"a\",\"b\",\"c\"], default: \"c\" }"),
                new FieldChange("params.day", null, "{ type: date, default: \"2026-12-07\" }"),
                new FieldChange("params.old", "{ type: string }", null),
            ],
            changed.Fields);
    }

    [Fact]
    public void Notify_changes_show_the_events_and_the_target_by_variable_name()
    {
        var before = Nightly + "\nnotify: { webhook: { url-from-env: OPS_HOOK, format: slack } }\n";
        var after = Nightly + "\nnotify: { on: [failure, streak], streak: 5, webhook: { url-from-env: PAGER_HOOK, format: teams } }\n";

        var changed = Assert.Single(Compare([("n.yaml", before)], [("n.yaml", after)]).Changed);

        Assert.Equal(
            [
                new FieldChange("notify.on", "[failure, timeout, recovery]", "[failure, streak]"),
                new FieldChange("notify.streak", "3", "5"),
                new FieldChange("notify.webhook", "OPS_HOOK (slack)", "PAGER_HOOK (teams)"),
            ],
            changed.Fields);
    }

    [Fact]
    public void Switching_handlers_shows_the_old_key_going_and_the_new_one_coming()
    {
        var after = "schedule: \"30 2 * * *\"\nshell: |\n  backup\n  echo done\n";

        var changed = Assert.Single(Compare([("n.yaml", Nightly)], [("n.yaml", after)]).Changed);

        Assert.Equal([new FieldChange("shell", null, "\"backup\\necho done\\n\""), new FieldChange("command", "[\"backup\"]", null)], changed.Fields);
    }

    [Fact]
    public void An_every_schedule_shows_a_change_of_display_zone()
    {
        var changed = Assert.Single(Compare(
            [("t.yaml", "schedule: { every: 45m }\nshell: x\n")],
            [("t.yaml", "schedule: { every: 45m, timezone: Asia/Tokyo }\nshell: x\n")]).Changed);

        Assert.Equal([new FieldChange("schedule", "every 45m", "every 45m (Asia/Tokyo)")], changed.Fields);
    }

    [Fact]
    public void An_added_task_shows_only_the_fields_that_differ_from_the_defaults()
    {
        var yaml = """
            description: Ping
            schedule: { every: 1h }
            timeout: 1h
            overlap: allow
            http: { url: "https://example.com", method: GET, timeout: 5s }
            """;

        var added = Assert.Single(Compare([], [("ping.yaml", yaml)]).Added);

        Assert.Equal(
            [
                new FieldChange("description", null, "\"Ping\""),
                new FieldChange("schedule", null, "every 1h"),
                new FieldChange("overlap", null, "allow"),
                new FieldChange("http.url", null, "\"https://example.com\""),
                new FieldChange("http.timeout", null, "5s"),
            ],
            added.Fields);
        Assert.Equal(5, added.Next.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.Zero), added.Next[0].Utc);
    }

    [Fact]
    public void A_deleted_file_removes_its_task_even_when_it_was_invalid_at_base()
    {
        var plan = Compare([("gone.yaml", Nightly), ("broken.yaml", "schedule: nope\n")], []);

        Assert.Equal(["broken", "gone"], plan.Removed.Select(r => r.Id));
        Assert.Null(plan.Removed[0].Task);
        Assert.Equal("schedules/gone.yaml", plan.Removed[1].File);
    }

    [Fact]
    public void A_task_invalid_at_head_is_invalid_not_removed()
    {
        var plan = Compare([("n.yaml", Nightly)], [("n.yaml", "schedule: \"61 2 * * *\"\ncommand: [x]\n")]);

        Assert.Equal("n", Assert.Single(plan.Invalid).TaskId);
        Assert.Empty(plan.Removed);
        Assert.Empty(plan.Changed);
    }

    [Fact]
    public void A_task_fixed_at_head_after_being_invalid_at_base_is_added()
    {
        var plan = Compare([("n.yaml", "schedule: nope\n")], [("n.yaml", Nightly)]);

        Assert.Equal("n", Assert.Single(plan.Added).Id);
    }

    [Fact]
    public void Two_files_with_one_id_at_head_are_both_invalid()
    {
        var plan = Compare([("n.yaml", Nightly)], [("n.yaml", Nightly), ("n.yml", Nightly)]);

        Assert.Equal(["schedules/n.yaml", "schedules/n.yml"], plan.Invalid.Select(f => f.DisplayPath));
        Assert.Empty(plan.Removed);
    }

    [Fact]
    public void A_disabled_task_has_no_next_slots_and_no_warnings()
    {
        var plan = Compare([], [("tick.yaml", "enabled: false\nschedule: \"* * * * * *\"\nshell: x\n")]);

        var added = Assert.Single(plan.Added);
        Assert.Empty(added.Next);
        Assert.Equal([new FieldChange("enabled", null, "false"), new FieldChange("schedule", null, "cron * * * * * * (UTC)"), new FieldChange("shell", null, "\"x\"")], added.Fields);
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void Lists_are_sorted_by_task_id()
    {
        var plan = Compare([], [("b.yaml", Nightly), ("a/z.yaml", Nightly), ("a.yaml", Nightly)]);

        Assert.Equal(["a", "a/z", "b"], plan.Added.Select(t => t.Id));
    }

    internal static Plan Compare((string Path, string Yaml)[] before, (string Path, string Yaml)[] after) =>
        Planner.Compare(Load(before), Load(after), TaskText.From, 5);

    private static DefinitionSet Load((string Path, string Yaml)[] files) =>
        DefinitionLoader.Load(files.Select(f => TaskText.File(f.Yaml, f.Path)), TaskText.From);
}
