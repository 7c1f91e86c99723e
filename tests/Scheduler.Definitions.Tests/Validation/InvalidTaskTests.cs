using Scheduler.Definitions.Diagnostics;

namespace Scheduler.Definitions.Tests.Validation;

/// <summary>
/// The corpus of mistakes (<see cref="KeyAndScheduleMistakes"/>, <see cref="HandlerAndSyntaxMistakes"/>) and the
/// checks that need more than one file or one diagnostic.
/// </summary>
public sealed class InvalidTaskTests
{
    [Theory]
    [MemberData(nameof(KeyAndScheduleMistakes.Cases), MemberType = typeof(KeyAndScheduleMistakes))]
    [MemberData(nameof(HandlerAndSyntaxMistakes.Cases), MemberType = typeof(HandlerAndSyntaxMistakes))]
    public void Each_mistake_is_reported_with_its_exact_position_and_value(string name, string yaml, string code, int line, int column, string message)
    {
        var result = TaskText.Read(yaml);

        Assert.Null(result.Task);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.True(diagnostic.Code == code, $"{name}: expected {code}, got {diagnostic.Code}: {diagnostic.Message}");
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Hint), $"{name}: every error says how to fix it");
        Assert.Equal("schedules/demo.yaml", diagnostic.File);
    }

    [Theory]
    [InlineData("schedule:\n  timzone: UTC\n  cron: \"0 * * * *\"\nshell: x", "Did you mean 'timezone'?")]
    [InlineData("schedule: { daily: \"02:00\", timezone: Europe/Berln }\nshell: x", "Did you mean 'Europe/Berlin'")]
    [InlineData("schedule: { daily: \"02:00\", timezone: America/NewYork }\nshell: x", "'America/New_York'")]
    [InlineData("schedule: \"0 * * * *\"\ncatch-up: latests\nshell: x", "Did you mean 'latest'?")]
    [InlineData("schedule: { weekly: { days: [fry], at: \"04:00\" } }\nshell: x", "Did you mean 'fri'?")]
    [InlineData("schedule: \"0 * * * *\"\nenabled: yes\nshell: x", "yes/no/on/off are strings")]
    public void Hints_suggest_the_nearest_valid_value(string yaml, string hint)
    {
        var diagnostic = Assert.Single(TaskText.Read(yaml).Diagnostics, d => d.IsError);

        Assert.Contains(hint, diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_mistake_in_a_file_is_reported_not_just_the_first()
    {
        var result = TaskText.Read("""
            schedule:
              cron: "0 25 * * *"
              timezone: Mars/Olympus
            catch-up: sometimes
            timeout: forever
            command: ["echo", "{{ run.nope }}"]
            """);

        Assert.Equal(
            [DiagnosticCodes.UnknownTimeZone, DiagnosticCodes.InvalidChoice, DiagnosticCodes.InvalidDuration, DiagnosticCodes.UnknownTemplateVariable],
            result.Diagnostics.Select(d => d.Code));
        Assert.Equal([3, 4, 5, 6], result.Diagnostics.Select(d => d.Line));
    }

    [Fact]
    public void A_cron_error_is_still_found_when_the_zone_is_valid_and_other_keys_are_broken()
    {
        var result = TaskText.Read("""
            schedule: { cron: "0 25 * * *", timezone: Europe/Berlin }
            overlap: sometimes
            shell: "true"
            """);

        Assert.Equal([DiagnosticCodes.InvalidCron, DiagnosticCodes.InvalidChoice], result.Diagnostics.Select(d => d.Code));
        Assert.Contains("hours must be 0-23", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("//")]
    [InlineData("/tmp/..")]
    [InlineData("/.")]
    public void A_cleanup_of_a_file_system_root_is_refused_however_it_is_spelled(string path)
    {
        var diagnostic = Assert.Single(TaskText.Read($"schedule: \"0 * * * *\"\ncleanup: {{ path: \"{path}\", older-than: 1d }}\n").Diagnostics);

        Assert.Contains("is the root of a file system", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_with_a_trailing_newline_is_not_a_valid_environment_variable()
    {
        var diagnostic = Assert.Single(TaskText.Read("schedule: \"0 * * * *\"\nenv: { \"FOO\\n\": x }\nshell: x\n").Diagnostics);

        Assert.Equal(DiagnosticCodes.InvalidValue, diagnostic.Code);
    }
}
