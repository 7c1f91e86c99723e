using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Notifications;

namespace Scheduler.Definitions.Tests.Validation;

/// <summary>The <c>notify</c> key: what it reads, where its mistakes are reported, and why secrets never pass.</summary>
public sealed class NotifyValidationTests
{
    public static TheoryData<string, string, string, int, int, string> Mistakes => new()
    {
        {
            "an unknown event",
            "schedule: \"0 * * * *\"\nshell: \"true\"\nnotify:\n  on: [failure, failed]\n  webhook: { url-from-env: HOOK, format: slack }\n",
            DiagnosticCodes.InvalidChoice, 4, 17, "notify.on[1]: 'failed' is not one of failure, timeout, recovery, missed, streak, suspended"
        },
        {
            "an environment variable name with a dash",
            "schedule: \"0 * * * *\"\nshell: \"true\"\nnotify:\n  webhook: { url-from-env: OPS-HOOK, format: slack }\n",
            DiagnosticCodes.InvalidValue, 4, 28, "notify.webhook.url-from-env: 'OPS-HOOK' is not a valid environment variable name"
        },
        {
            "a literal url",
            "schedule: \"0 * * * *\"\nshell: \"true\"\nnotify:\n  webhook:\n    url: \"https://example.com/hook\"\n    format: slack\n",
            DiagnosticCodes.SecretInDefinition, 5, 5, "notify.webhook.url: a webhook URL is a secret"
        },
        {
            "a slack webhook in a script",
            "schedule: \"0 * * * *\"\nshell: curl -d ok https://hooks.slack.com/services/T0/B0/secret\n",
            DiagnosticCodes.SecretInDefinition, 2, 8, "shell: the value looks like a webhook URL (hooks.slack.com)"
        },
        {
            "a token in an environment value",
            "schedule: \"0 * * * *\"\nshell: \"true\"\nenv: { PING: \"https://example.com/p?api_token=abc\" }\n",
            DiagnosticCodes.SecretInDefinition, 3, 14, "env.PING: the value looks like a URL with a token in it"
        },
        {
            "a template that does not parse",
            "schedule: \"0 * * * *\"\nshell: \"true\"\nnotify:\n  webhook: { url-from-env: HOOK, template: \"{{ for }}\" }\n",
            DiagnosticCodes.TemplateSyntax, 4, 52, "notify.webhook.template: '{{ for }}' is not a valid template"
        },
        {
            "a template variable runs do not have",
            "schedule: \"0 * * * *\"\nshell: \"true\"\nnotify:\n  webhook: { url-from-env: HOOK, template: \"{{ run.output }}\" }\n",
            DiagnosticCodes.UnknownTemplateVariable, 4, 48, "notify.webhook.template: the template variable 'run.output' does not exist"
        },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_notify_mistake_is_reported_where_it_was_written(string name, string yaml, string code, int line, int column, string message)
    {
        var result = TaskText.Read(yaml);

        Assert.Null(result.Task);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Code == code);
        Assert.True((line, column) == (diagnostic.Line, diagnostic.Column), $"{name}: at {diagnostic.Line}:{diagnostic.Column}, {diagnostic.Message}");
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(diagnostic.Hint));
    }

    [Fact]
    public void A_notify_key_is_read_into_events_a_threshold_and_a_target()
    {
        var result = TaskText.Read("schedule: \"0 * * * *\"\nshell: \"true\"\nnotify:\n  on: [failure, streak, failure]\n  streak: 5\n  webhook: { url-from-env: OPS_WEBHOOK_URL, format: teams }\n");

        var notify = result.Task!.Notify!;
        Assert.Equal([NotifyEvent.Failure, NotifyEvent.Streak], notify.On);
        Assert.Equal(5, notify.Streak);
        Assert.Equal(new WebhookTarget("OPS_WEBHOOK_URL", WebhookFormat.Teams), notify.Webhook);
        Assert.Equal("OPS_WEBHOOK_URL (teams)", notify.Webhook.Describe());
    }

    [Fact]
    public void Without_on_and_streak_a_task_is_told_of_failures_timeouts_and_recoveries()
    {
        var notify = TaskText.Read("schedule: \"0 * * * *\"\nshell: \"true\"\nnotify: { webhook: { url-from-env: HOOK, template: \"{{ event }}\" } }\n").Task!.Notify!;

        Assert.Equal(NotifyDefinition.DefaultEvents, notify.On);
        Assert.Equal(NotifyDefinition.DefaultStreak, notify.Streak);
        Assert.Equal(WebhookFormat.Template, notify.Webhook.Format);
        Assert.Equal("{{ event }}", notify.Webhook.Template);
    }

    [Fact]
    public void The_defaults_in_app_settings_are_read_by_the_same_rules()
    {
        var settings = new NotifySettings { On = ["missed", "streak"], Streak = 2, Webhook = new WebhookSettings { UrlFromEnv = "OPS_HOOK", Format = "discord" } };

        var defaults = NotifyDefaults.Read(settings, out var errors);

        Assert.Empty(errors);
        Assert.Equal([NotifyEvent.Missed, NotifyEvent.Streak], defaults!.On);
        Assert.Equal(2, defaults.Streak);
        Assert.Equal(new WebhookTarget("OPS_HOOK", WebhookFormat.Discord), defaults.Webhook);
    }

    [Fact]
    public void Bad_defaults_in_app_settings_are_errors_that_name_the_setting()
    {
        var settings = new NotifySettings { On = ["crash"], Webhook = new WebhookSettings { UrlFromEnv = "1BAD", Format = "slack" } };

        var defaults = NotifyDefaults.Read(settings, out var errors);

        Assert.Null(defaults);
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.StartsWith("Scheduler:Notify: notify.", e, StringComparison.Ordinal));
    }

    [Fact]
    public void No_webhook_in_app_settings_means_no_defaults()
    {
        Assert.Null(NotifyDefaults.Read(new NotifySettings(), out var errors));
        Assert.Empty(errors);
    }
}
