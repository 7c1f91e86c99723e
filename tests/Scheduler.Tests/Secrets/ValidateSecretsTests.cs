using Scheduler.Tests.Cli;

namespace Scheduler.Tests.Secrets;

/// <summary><c>validate</c> refuses committed credentials and warns about references it cannot resolve where it runs.</summary>
public sealed class ValidateSecretsTests
{
    static ValidateSecretsTests() => Environment.SetEnvironmentVariable("SECRETS_VALIDATE_TEST_SET", "x");

    [Fact]
    public void An_unset_from_env_name_is_a_warning_at_its_place_and_validate_still_passes()
    {
        using var project = new TempSchedules().With("deploy.yaml", """
            schedule: { manual: true }
            env:
              A: { from-env: SECRETS_VALIDATE_TEST_SET }
              B: { from-env: SECRETS_VALIDATE_TEST_UNSET }
            shell: ./deploy.sh
            """);

        var run = CliRun.Invoke(project.Root, "validate");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(
            "schedules/deploy.yaml:4:6: warning SCH051: env.B: from-env SECRETS_VALIDATE_TEST_UNSET is not set in this environment; a run here would fail.",
            run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETS_VALIDATE_TEST_SET ", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_committed_bearer_token_fails_validate_with_the_hint_to_use_from_env()
    {
        using var project = new TempSchedules().With("ping.yaml", """
            schedule: "*/5 * * * *"
            http:
              url: https://example.com/ping
              headers: { Authorization: "Bearer ghp_0123456789abcdefghijABCDEFGHIJ012345" }
            """);

        var run = CliRun.Invoke(project.Root, "validate");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("schedules/ping.yaml:4:29: error SCH050: http.headers.Authorization: the value looks like a GitHub token", run.Out, StringComparison.Ordinal);
        Assert.Contains("from-env", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_0123", run.Out, StringComparison.Ordinal);
    }
}
