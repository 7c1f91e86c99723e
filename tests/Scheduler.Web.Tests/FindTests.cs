using System.Net;

namespace Scheduler.Web.Tests;

/// <summary>Finding a task among many: ?q=TEXT&amp;state=STATE&amp;folder=PREFIX on the overview and /api/tasks, grouped by folder, sorted by a column.</summary>
public sealed class FindTests
{
    private static readonly Dictionary<string, string> Tasks = new()
    {
        ["backups/nightly-db"] = TaskFiles.Manual(description: "Nightly online backup"),
        ["backups/weekly-files"] = TaskFiles.Manual(description: "Weekly copy of the files"),
        ["reports/sales"] = TaskFiles.Manual(description: "Sales report"),
        ["berlin"] = TaskFiles.Berlin,
    };

    [Fact]
    public async Task The_overview_groups_tasks_by_folder_with_counts_and_a_search_form_that_needs_no_script()
    {
        await using var server = await WebServer.StartAsync(Tasks);

        var html = await server.GetTextAsync("/");

        Assert.Contains("<form method=\"get\" action=\"/\" role=\"search\"", html, StringComparison.Ordinal);
        Assert.Contains("<details id=\"folder-backups\" class=\"folder\" open data-testid=\"folder-backups\">", html, StringComparison.Ordinal);
        Assert.Contains("<span id=\"folder-backups-counts\" class=\"counts\" sse-swap=\"counts:backups\" hx-swap=\"outerHTML\">2 tasks <span class=\"badge state-ok\">2 ok</span></span>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"folder-system\"", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/static/page.js\" defer></script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_state_and_folder_narrow_the_overview_and_the_api_alike_and_the_form_keeps_them()
    {
        await using var server = await WebServer.StartAsync(Tasks);

        var byText = await server.GetTextAsync("/?q=WEEKLY");
        var byFolder = await server.GetTextAsync("/?folder=backups/");
        var api = await server.GetJsonAsync("/api/tasks?q=online&folder=backups");
        var paused = await server.GetJsonAsync("/api/tasks?state=paused");

        Assert.Contains("data-testid=\"task-row-backups/weekly-files\"", byText, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"task-row-backups/nightly-db\"", byText, StringComparison.Ordinal);
        Assert.Contains("value=\"WEEKLY\"", byText, StringComparison.Ordinal);
        Assert.Contains("1 of ", byText, StringComparison.Ordinal);
        Assert.Contains("sse-connect=\"/events?q=WEEKLY&amp;page=overview&amp;v=", byText, StringComparison.Ordinal); // the live part streams this view, not all tasks
        Assert.Contains("data-testid=\"task-row-backups/nightly-db\"", byFolder, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"task-row-reports/sales\"", byFolder, StringComparison.Ordinal);
        Assert.Equal(["backups/nightly-db"], api.EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Equal(0, paused.GetArrayLength()); // nothing is paused until tasks can be paused
    }

    [Fact]
    public async Task A_state_outside_the_list_is_refused_by_the_api_and_named_on_the_page()
    {
        await using var server = await WebServer.StartAsync(Tasks);

        using var api = await server.Client.GetAsync(new Uri("/api/tasks?state=broken", UriKind.Relative));
        var page = await server.GetTextAsync("/?state=broken");

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("state 'broken' is not one of ok, failing, running, paused, disabled, invalid, retired", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Ignored: state &#39;broken&#39; is not one of ok, failing", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"task-row-reports/sales\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_column_header_sorts_by_its_column_and_a_second_click_sorts_the_other_way()
    {
        await using var server = await WebServer.StartAsync(Tasks);

        var ascending = await server.GetTextAsync("/?folder=backups");
        var descending = await server.GetTextAsync("/?folder=backups&sort=task&desc=1");

        Assert.True(ascending.IndexOf("task-row-backups/nightly-db", StringComparison.Ordinal) < ascending.IndexOf("task-row-backups/weekly-files", StringComparison.Ordinal));
        Assert.True(descending.IndexOf("task-row-backups/nightly-db", StringComparison.Ordinal) > descending.IndexOf("task-row-backups/weekly-files", StringComparison.Ordinal));
        Assert.Contains("<th aria-sort=\"ascending\"><a href=\"/?folder=backups&amp;desc=1\">Task ↑</a></th>", ascending, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/?folder=backups&amp;sort=next\">Next run</a>", ascending, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Among_more_than_a_hundred_tasks_a_folder_shows_only_the_rows_that_need_a_look_and_links_to_itself_whole()
    {
        var many = Enumerable.Range(0, 105).ToDictionary(i => $"{(i < 50 ? "a" : "b")}/job-{i:D3}", _ => TaskFiles.Manual());
        many["b/job-104"] = "schedule:\n  manual: true\nshell: \"exit 3\"\n";
        await using var server = await WebServer.StartAsync(many, apiToken: "t");
        await Actions.WaitForStatusAsync(server, await Actions.RunNowByApiAsync(server, "b/job-104", "t"), "failed");

        var all = await server.GetTextAsync("/");
        var one = await server.GetTextAsync("/?folder=a");

        Assert.Contains("<details id=\"folder-a\" class=\"folder\" data-testid=\"folder-a\">", all, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/?folder=a\" data-testid=\"open-folder-a\">show the 50 tasks of a/</a>", all, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"task-row-a/job-000\"", all, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"task-row-a/job-000\"", one, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"task-row-b/job-104\"", all, StringComparison.Ordinal); // failing: shown in its folder
        Assert.DoesNotContain("data-testid=\"task-row-b/job-103\"", all, StringComparison.Ordinal);
        Assert.Contains("Only the tasks that need a look are shown", all, StringComparison.Ordinal);
    }
}
