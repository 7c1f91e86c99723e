using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Planning;

namespace Scheduler.Definitions.Tests.Secrets;

/// <summary>Credentials by reference: <c>{ from-env: NAME }</c> and <c>{ from-file: PATH }</c> with an optional <c>prefix</c>, in env and header values.</summary>
public sealed class ReferenceTests
{
    [Fact]
    public void Env_and_header_values_may_name_a_credential_instead_of_holding_it()
    {
        var task = TaskText.Read("""
            schedule: "0 * * * *"
            env:
              DB_URL: { from-env: APP_DB_URL }
              LEVEL: 3
              KEY:
                from-file: /run/secrets/key
            http:
              url: https://example.com
              headers: { Authorization: { from-env: API_TOKEN, prefix: "Bearer " } }
            """).Task!;

        Assert.Equal(new SecretReference(SecretSource.Environment, "APP_DB_URL", "", new SourcePosition(3, 11)), task.Environment["DB_URL"].Reference);
        Assert.Null(task.Environment["DB_URL"].Text);
        Assert.Equal("3", task.Environment["LEVEL"].Text);
        Assert.Equal(new SecretReference(SecretSource.File, "/run/secrets/key", "", new SourcePosition(6, 5)), task.Environment["KEY"].Reference);
        var header = ((HttpHandler)task.Handler).Headers["Authorization"];
        Assert.Equal("Bearer *** (from-env API_TOKEN)", header.Display);
        Assert.Equal(["env.DB_URL", "env.KEY", "http.headers.Authorization"], TaskSecrets.Of(task).Select(r => r.Key));
    }

    [Fact]
    public void Plan_fields_show_a_reference_as_stars_with_its_source_never_a_value()
    {
        var task = TaskText.Read("""
            schedule: "0 * * * *"
            env: { DB_URL: { from-env: APP_DB_URL }, LEVEL: "3" }
            http: { url: "https://example.com", headers: { Authorization: { from-file: /run/secrets/token, prefix: "Bearer " } } }
            """).Task!;

        var fields = TaskFields.Of(task).ToDictionary(f => f.Key, f => f.Value);

        Assert.Equal("*** (from-env APP_DB_URL)", fields["env.DB_URL"]);
        Assert.Equal("\"3\"", fields["env.LEVEL"]);
        Assert.Equal("Bearer *** (from-file /run/secrets/token)", fields["http.headers.Authorization"]);
    }

    [Fact]
    public void Changing_where_a_credential_comes_from_is_a_change_the_plan_shows()
    {
        var before = TaskText.Read("schedule: \"0 * * * *\"\nshell: \"true\"\nenv: { DB_URL: { from-env: OLD_DB_URL } }\n").Task!;
        var after = TaskText.Read("schedule: \"0 * * * *\"\nshell: \"true\"\nenv: { DB_URL: { from-env: NEW_DB_URL } }\n").Task!;

        var change = Assert.Single(TaskFields.Compare(before, after));

        Assert.Equal(new FieldChange("env.DB_URL", "*** (from-env OLD_DB_URL)", "*** (from-env NEW_DB_URL)"), change);
    }

    [Fact]
    public void Validate_warns_where_a_from_env_name_is_written_when_it_is_not_set_here()
    {
        var task = TaskText.Read("schedule: \"0 * * * *\"\nshell: \"true\"\nenv:\n  A: { from-env: SET_HERE }\n  B: { from-env: NOT_SET_HERE }\n  C: { from-file: /x }\n").Task!;

        var warning = Assert.Single(TaskSecrets.Unset(task, name => name == "SET_HERE"));

        Assert.Equal((Severity.Warning, DiagnosticCodes.SecretNotSet, 5, 6), (warning.Severity, warning.Code, warning.Line, warning.Column));
        Assert.Equal("schedules/demo.yaml", warning.File);
        Assert.StartsWith("env.B: from-env NOT_SET_HERE is not set in this environment", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("env: { A: { from-env: X, from-file: /x } }", DiagnosticCodes.InvalidValue, 1, 26, "env.A: a value comes from one place, but both from-env and from-file are given.")]
    [InlineData("env: { A: { prefix: \"Bearer \" } }", DiagnosticCodes.MissingRequired, 1, 11, "env.A: the mapping says neither from-env nor from-file.")]
    [InlineData("env: { A: { from-env: 9LIVES } }", DiagnosticCodes.InvalidValue, 1, 23, "env.A.from-env: '9LIVES' is not an environment variable name.")]
    [InlineData("env: { A: { from-env: X, form-file: y } }", DiagnosticCodes.UnknownKey, 1, 26, "env.A.form-file: 'form-file' is not a known key in 'env.A'.")]
    [InlineData("env: { A: { from-file: [a, b] } }", DiagnosticCodes.WrongType, 1, 24, "env.A.from-file: expected a string, found a list.")]
    public void A_mistake_in_a_reference_is_reported_where_it_was_written(string env, string code, int line, int column, string message)
    {
        var result = TaskText.Read(env + "\nschedule: \"0 * * * *\"\nshell: \"true\"\n");

        Assert.Null(result.Task);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((code, line, column, message), (diagnostic.Code, diagnostic.Line, diagnostic.Column, diagnostic.Message));
        Assert.False(string.IsNullOrEmpty(diagnostic.Hint));
    }
}
