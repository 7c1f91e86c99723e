using Microsoft.Extensions.Configuration;
using Scheduler.Cli;
using Scheduler.Serving;

namespace Scheduler.Tests.Serve;

public sealed class RetentionSettingsTests
{
    [Fact]
    public void Notifications_and_audit_entries_have_their_own_ages_beside_the_runs()
    {
        var options = SystemTaskSettings.Read(Settings(("MaxAgeDays", "30"), ("NotificationMaxAgeDays", "7"), ("AuditMaxAgeDays", "0")));

        Assert.Equal((30, 7, 0), (options.MaxAgeDays, options.NotificationMaxAgeDays, options.AuditMaxAgeDays));
    }

    [Fact]
    public void Unset_notifications_follow_the_runs_and_audit_entries_keep_a_year()
    {
        var options = SystemTaskSettings.Read(Settings(("MaxAgeDays", "30")));

        Assert.Equal((null, 365), (options.NotificationMaxAgeDays, options.AuditMaxAgeDays));
    }

    [Fact]
    public void A_negative_age_is_refused_with_the_setting_and_the_fix()
    {
        var error = Assert.Throws<CommandFailedException>(() => SystemTaskSettings.Read(Settings(("AuditMaxAgeDays", "-5"))));

        Assert.Equal("Scheduler:Retention:AuditMaxAgeDays is -5: give a number of days, or 0 to keep them forever.", error.Message);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] retention) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(retention.Select(r => KeyValuePair.Create($"Scheduler:Retention:{r.Key}", (string?)r.Value)))
            .Build();
}
