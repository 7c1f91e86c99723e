using Scheduler.Engine.Handlers;
using Scheduler.Tests.Cli;

namespace Scheduler.Tests.Secrets;

/// <summary><c>scheduler run</c> and <c>--dry-run</c> follow serve's rules: a clean environment, credentials by reference, masked output.</summary>
public sealed class RunCommandSecretsTests
{
    private const string Token = "cli-Token-777";

    static RunCommandSecretsTests()
    {
        Environment.SetEnvironmentVariable("SECRETS_CLI_TEST_TOKEN", Token);
        Environment.SetEnvironmentVariable("Scheduler__SecretsCliTest__Token", "settings-leak");
        Environment.SetEnvironmentVariable("SECRETS_CLI_TEST_OTHER", "not-passed");
    }

    [Fact]
    public void A_run_gets_its_credential_and_prints_it_masked_and_never_the_scheduler_settings()
    {
        using var project = new TempSchedules().With("deploy.yaml", """
            schedule: { manual: true }
            env: { TOKEN: { from-env: SECRETS_CLI_TEST_TOKEN, prefix: "t=" } }
            shell: |
              echo "using $TOKEN"
              echo "settings: ${Scheduler__SecretsCliTest__Token:-none} ${SECRETS_CLI_TEST_OTHER:-none}"
              test "$TOKEN" = "t=cli-Token-777"
            """);

        var run = CliRun.Invoke(project.Root, "run", "deploy");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("using t=***\nsettings: none none\n", run.Out);
    }

    [Fact]
    public void A_run_whose_credential_is_missing_exits_1_naming_it_and_runs_nothing()
    {
        using var project = new TempSchedules().With("deploy.yaml", """
            schedule: { manual: true }
            http: { url: "http://127.0.0.1:9/", headers: { Authorization: { from-env: SECRETS_CLI_TEST_UNSET } } }
            """);

        var run = CliRun.Invoke(project.Root, "run", "deploy");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(
            "run of deploy: failed: a credential could not be resolved, so the run did not start: http.headers.Authorization: from-env SECRETS_CLI_TEST_UNSET is not set in the scheduler's environment; set it where the scheduler runs, or fix the name\n",
            run.Error);
    }

    [Fact]
    public void A_dry_run_shows_references_by_their_source_and_the_whole_clean_environment()
    {
        using var project = new TempSchedules().With("deploy.yaml", """
            schedule: { manual: true }
            env:
              TOKEN: { from-env: SECRETS_CLI_TEST_TOKEN }
              MISSING: { from-env: SECRETS_CLI_TEST_UNSET }
              LEVEL: "3"
            http:
              url: https://example.com/deploy
              headers: { Authorization: { from-file: /run/secrets/deploy, prefix: "Bearer " } }
            """);

        var run = CliRun.Invoke(project.Root, "run", "deploy", "--dry-run", "--slot", "2026-10-25T00:30:00Z");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(Token, run.Out, StringComparison.Ordinal);
        // The basics' values are this machine's; the rest is the snapshot.
        var basics = RunEnvironment.Basics.Select(name => $"  {name}=").ToArray();
        var shown = string.Join('\n', run.Out.Split('\n').Where(line => !basics.Any(line.StartsWith) && !line.StartsWith("  LC_", StringComparison.Ordinal)
            && !line.StartsWith("working directory: ", StringComparison.Ordinal)));
        Snapshot.Match(shown, "run-dry-run-secrets.txt");
    }
}
