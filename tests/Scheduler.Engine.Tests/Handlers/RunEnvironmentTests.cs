using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;

namespace Scheduler.Engine.Tests.Handlers;

/// <summary>
/// What a real child process sees: a clean environment, never the scheduler's settings, credentials by reference
/// resolved when the run starts and masked in its output. Variables set here have names no other test uses.
/// </summary>
public sealed class RunEnvironmentTests
{
    private const string DbUrl = "postgres://app:Sup3r-secret@db/app";

    private readonly CommandRunHandler _command = new();
    private readonly ShellRunHandler _shell = new();

    static RunEnvironmentTests()
    {
        Environment.SetEnvironmentVariable("Scheduler__SecretsTest__Token", "api-token-leak");
        Environment.SetEnvironmentVariable("scheduler__secretstest__lower", "lower-leak");
        Environment.SetEnvironmentVariable("ConnectionStrings__SecretsTest", "Host=db;Password=leak");
        Environment.SetEnvironmentVariable("DOTNET_Scheduler__SecretsTest", "host-prefixed-leak");
        Environment.SetEnvironmentVariable("SCHEDULER_SECRETS_TEST", "inherited-leak");
        Environment.SetEnvironmentVariable("SECRETS_TEST_NOT_LISTED", "not-listed");
        Environment.SetEnvironmentVariable("SECRETS_TEST_LISTED", "listed");
        Environment.SetEnvironmentVariable("SECRETSTESTPREFIX_ONE", "by-prefix");
        Environment.SetEnvironmentVariable("SECRETS_TEST_DB_URL", DbUrl);
    }

    [Fact]
    public async Task A_run_sees_the_basics_the_listed_names_its_env_and_the_run_variables_and_nothing_else()
    {
        var pass = new PassEnvironment(["SECRETS_TEST_LISTED", "SECRETSTESTPREFIX_*", "Scheduler__*", "ConnectionStrings__SecretsTest"]);
        var context = Start(HandlerRuns.Task(new CommandHandler(["/usr/bin/env"]), env: new Dictionary<string, string> { ["BACKUP_DIR"] = "./backups" }), pass);

        var outcome = await _command.RunAsync(context, CancellationToken.None);

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        var names = context.Output.ToText().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('=')[0]).ToHashSet();
        var expected = new HashSet<string> { "SECRETS_TEST_LISTED", "SECRETSTESTPREFIX_ONE", "BACKUP_DIR", "SCHEDULER_TASK_ID", "SCHEDULER_RUN_ID", "SCHEDULER_SLOT", "SCHEDULER_ATTEMPT", "SCHEDULER_TRIGGER" };
        expected.UnionWith(RunEnvironment.Basics.Where(name => Environment.GetEnvironmentVariable(name) is not null));
        expected.UnionWith(Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(name => name.StartsWith("LC_", StringComparison.Ordinal)));
        names.Remove("PWD"); // the sh that starts the program sets it
        Assert.Equal(expected.Order(), names.Order());
    }

    [Fact]
    public void The_scheduler_settings_are_never_passed_whatever_the_list_says()
    {
        var everything = new PassEnvironment(["*"]);

        Assert.False(RunEnvironment.IsPassed("Scheduler__Api__Token", everything));
        Assert.False(RunEnvironment.IsPassed("SCHEDULER__STORE__CONNECTION", everything));
        Assert.False(RunEnvironment.IsPassed("ConnectionStrings__Default", everything));
        Assert.False(RunEnvironment.IsPassed("ASPNETCORE_Kestrel__Certificates__Default__Password", everything));
        Assert.False(RunEnvironment.IsPassed("DOTNET_Scheduler__Api__Token", everything));
        Assert.False(RunEnvironment.IsPassed("POSTGRESQLCONNSTR_main", everything));
        Assert.False(RunEnvironment.IsPassed("SCHEDULER_RUN_ID", everything));
        Assert.True(RunEnvironment.IsPassed("AWS_REGION", everything));
        Assert.False(RunEnvironment.IsPassed("AWS_REGION", PassEnvironment.None));
        Assert.True(RunEnvironment.IsPassed("LC_TIME", PassEnvironment.None));
    }

    [Fact]
    public async Task A_from_env_value_reaches_the_child_and_is_masked_in_its_output()
    {
        var task = HandlerRuns.Task(
            new ShellHandler("""test "$DB_URL" = "$EXPECTED" && echo "same value"; echo "url is $DB_URL"; printf '%s' "$DB_URL" | cut -c1-20"""),
            env: new Dictionary<string, string> { ["EXPECTED"] = DbUrl },
            references: new Dictionary<string, TaskValue> { ["DB_URL"] = Reference(SecretSource.Environment, "SECRETS_TEST_DB_URL") });
        var context = Start(task);

        var outcome = await _shell.RunAsync(context, CancellationToken.None);

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        // EXPECTED is the same text given as plain env, to compare in the child: masked too. Only whole values are masked.
        Assert.Equal("same value\nurl is ***\npostgres://app:Sup3r\n", context.Output.ToText());
    }

    [Fact]
    public void A_reference_that_cannot_be_resolved_fails_the_run_naming_it()
    {
        var task = HandlerRuns.Task(
            new ShellHandler("echo never"),
            references: new Dictionary<string, TaskValue>
            {
                ["DB_URL"] = Reference(SecretSource.Environment, "SECRETS_TEST_NOT_SET_ANYWHERE"),
                ["KEY"] = Reference(SecretSource.File, "/nonexistent/secrets-test/key"),
            });

        var started = RunSecrets.Start(HandlerRuns.Context(task), out var error);

        Assert.Null(started);
        Assert.StartsWith(
            "a credential could not be resolved, so the run did not start: env.DB_URL: from-env SECRETS_TEST_NOT_SET_ANYWHERE is not set in the scheduler's environment",
            error, StringComparison.Ordinal);
        Assert.Contains("env.KEY: from-file /nonexistent/secrets-test/key cannot be read", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("token-from-file\n", "token-from-file")]
    [InlineData("token-from-file\r\n", "token-from-file")]
    [InlineData("token-from-file\n\n", "token-from-file\n")]
    [InlineData("token-from-file", "token-from-file")]
    public void A_from_file_value_loses_one_trailing_newline(string content, string value)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("token"), content);
        var task = HandlerRuns.Task(new ShellHandler("true"), references: new Dictionary<string, TaskValue> { ["TOKEN"] = Reference(SecretSource.File, folder.File("token"), "Bearer ") });

        var secrets = RunSecrets.Resolve(task, _ => null, out var error);

        Assert.Null(error);
        Assert.Equal("Bearer " + value, secrets!.ValueOf(task.Environment["TOKEN"]));
        Assert.Equal([value], secrets.Values);
    }

    [Fact]
    public void An_empty_secret_is_an_error_not_an_empty_value()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("empty"), "\n");
        var task = HandlerRuns.Task(new ShellHandler("true"), references: new Dictionary<string, TaskValue>
        {
            ["A"] = Reference(SecretSource.File, folder.File("empty")),
            ["B"] = Reference(SecretSource.Environment, "EMPTY_ONE"),
        });

        Assert.Null(RunSecrets.Resolve(task, name => "", out var error));
        Assert.Equal($"env.A: from-file {folder.File("empty")} is empty; env.B: from-env EMPTY_ONE is set but empty", error);
    }

    [Fact]
    public void The_environment_shown_by_dry_run_names_references_and_hides_passed_values()
    {
        var task = HandlerRuns.Task(new ShellHandler("true"), references: new Dictionary<string, TaskValue> { ["DB_URL"] = Reference(SecretSource.Environment, "SECRETS_TEST_DB_URL") });
        var context = HandlerRuns.Context(task) with { PassEnvironment = new PassEnvironment(["SECRETS_TEST_LISTED"]) };

        var shown = RunEnvironment.Shown(context, new Dictionary<string, string> { ["PATH"] = "/usr/bin", ["SECRETS_TEST_LISTED"] = "listed", ["OTHER"] = "x" });

        Assert.Equal("*** (from-env SECRETS_TEST_DB_URL)", shown["DB_URL"]);
        Assert.Equal("/usr/bin", shown["PATH"]);
        Assert.Equal("*** (passed on from the scheduler's environment)", shown["SECRETS_TEST_LISTED"]);
        Assert.False(shown.ContainsKey("OTHER"));
    }

    private static RunContext Start(TaskDefinition task, PassEnvironment? pass = null)
    {
        var context = HandlerRuns.Context(task) with { PassEnvironment = pass ?? PassEnvironment.None };
        return RunSecrets.Start(context, out var error) ?? throw new InvalidOperationException(error);
    }

    private static TaskValue Reference(SecretSource source, string name, string prefix = "") =>
        TaskValue.From(new SecretReference(source, name, prefix, SourcePosition.FileStart));
}
