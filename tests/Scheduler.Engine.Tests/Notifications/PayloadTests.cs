using System.Text.Json.Nodes;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Notifications;
using Scheduler.State.Entities;

namespace Scheduler.Engine.Tests.Notifications;

/// <summary>Each payload format, as a real HTTP listener on loopback receives it.</summary>
public sealed class PayloadTests
{
    [Fact]
    public async Task A_slack_webhook_receives_text_with_the_title_the_facts_and_the_output_escaped()
    {
        var body = await DeliverAsync("{ webhook: { url-from-env: HOOK, format: slack } }");

        var text = body["text"]!.GetValue<string>();
        Assert.StartsWith("*backups/nightly-db failed*\nfailed: run #42, slot 2026-11-23T02:30:00Z, attempt 1 (schedule), exit code 3\nexit code 3\n", text, StringComparison.Ordinal);
        Assert.Contains("```line 1\nline 2\ndisk &lt;full&gt; &amp; \"quoted\"```", text, StringComparison.Ordinal);
        Assert.Single(body.AsObject());
    }

    [Fact]
    public async Task A_teams_webhook_receives_an_adaptive_card_in_a_message_attachment()
    {
        var body = await DeliverAsync("{ webhook: { url-from-env: HOOK, format: teams } }");

        Assert.Equal("message", body["type"]!.GetValue<string>());
        var attachment = Assert.Single(body["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        var card = attachment["content"]!;
        Assert.Equal(("AdaptiveCard", "1.4"), (card["type"]!.GetValue<string>(), card["version"]!.GetValue<string>()));
        var texts = card["body"]!.AsArray().Select(b => (b!["type"]!.GetValue<string>(), b["text"]!.GetValue<string>())).ToList();
        Assert.Equal(("TextBlock", "backups/nightly-db failed"), texts[0]);
        Assert.Contains("exit code 3", texts[1].Item2, StringComparison.Ordinal);
        Assert.Equal("line 1\nline 2\ndisk <full> & \"quoted\"", texts[2].Item2);
    }

    [Fact]
    public async Task A_discord_webhook_receives_content_under_two_thousand_characters()
    {
        var body = await DeliverAsync("{ webhook: { url-from-env: HOOK, format: discord } }");

        var content = body["content"]!.GetValue<string>();
        Assert.StartsWith("**backups/nightly-db failed**\n", content, StringComparison.Ordinal);
        Assert.Contains("```\nline 1\nline 2\ndisk <full> & \"quoted\"```", content, StringComparison.Ordinal);
        Assert.True(content.Length <= 2000);
    }

    [Fact]
    public async Task A_generic_webhook_receives_every_documented_field()
    {
        var body = await DeliverAsync("{ webhook: { url-from-env: HOOK, format: generic } }");

        Assert.Equal(
            """
            {"event":"failure","task":{"id":"backups/nightly-db","description":"Nightly backup"},"run":{"id":42,"status":"failed","exitCode":3,"slot":"2026-11-23T02:30:00Z","startedAt":"2026-11-23T02:30:01Z","finishedAt":"2026-11-23T02:30:09Z","attempt":1,"trigger":"schedule","error":"exit code 3","outputTail":"line 1\nline 2\ndisk \u003Cfull\u003E \u0026 \u0022quoted\u0022","revision":"rev1"},"streak":1,"failingSince":null,"instance":"test-instance","url":null}
            """,
            body.ToJsonString());
    }

    [Fact]
    public async Task A_template_webhook_receives_the_body_rendered_over_the_generic_model()
    {
        var body = await DeliverAsync("{ webhook: { url-from-env: HOOK, template: '{\"summary\": \"{{ task.id }} {{ event }} #{{ run.id }} exit {{ run.exitCode }} streak {{ streak }} on {{ instance }}\"}' } }");

        Assert.Equal("""{"summary":"backups/nightly-db failure #42 exit 3 streak 1 on test-instance"}""", body.ToJsonString());
    }

    [Fact]
    public async Task A_discord_message_with_a_long_output_keeps_its_end_and_stays_under_the_limit()
    {
        var lines = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"line {i} " + new string('x', 150)));

        var body = await DeliverAsync("{ webhook: { url-from-env: HOOK, format: discord } }", NotifierHarness.Failed("{ webhook: { url-from-env: HOOK, format: discord } }") with { OutputTail = lines });

        var content = body["content"]!.GetValue<string>();
        Assert.InRange(content.Length, 1500, 2000);
        Assert.EndsWith($"line 20 {new string('x', 150)}```", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slots_passed_over_reach_a_generic_webhook_as_missed_without_a_run()
    {
        var passed = NotifierHarness.Failed("{ on: [missed], webhook: { url-from-env: HOOK, format: generic } }") with
        {
            Kind = RunEventKind.Skipped, RunId = null, Slot = null, Status = RunStatus.Skipped,
            ExitCode = null, OutputTail = "", StartedAt = null, FinishedAt = null, Error = "4 slot(s) passed over: missed while the scheduler was not running (catch-up: none)",
        };

        var body = await DeliverAsync("", passed);

        Assert.Equal("missed", body["event"]!.GetValue<string>());
        Assert.Null(body["run"]!["id"]);
        Assert.Null(body["run"]!["slot"]);
        Assert.Equal(("skipped", "4 slot(s) passed over: missed while the scheduler was not running (catch-up: none)"), (body["run"]!["status"]!.GetValue<string>(), body["run"]!["error"]!.GetValue<string>()));
    }

    private static async Task<JsonNode> DeliverAsync(string notify, RunEvent? fact = null)
    {
        await using var h = await NotifierHarness.StartAsync();

        h.Notifier.Publish(fact ?? NotifierHarness.Failed(notify));

        var sent = await h.WaitForAsync("backups/nightly-db", n => n.Status != NotificationStatuses.Pending, "the notification to be delivered");
        Assert.Equal((NotificationStatuses.Sent, 1, (string?)null), (sent.Status, sent.Attempts, sent.LastError));
        Assert.Equal(((fact ?? NotifierHarness.Failed(notify)).RunId, "HOOK"), (sent.RunId, sent.Target.Split(' ')[0]));
        var request = Assert.Single(h.Listener.Received);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        return JsonNode.Parse(request.Body)!;
    }
}
