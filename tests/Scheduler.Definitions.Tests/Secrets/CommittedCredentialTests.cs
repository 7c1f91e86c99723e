using Scheduler.Definitions.Diagnostics;

namespace Scheduler.Definitions.Tests.Secrets;

/// <summary>SCH050: a credential written into a task file is refused where it was written, with the hint to name it instead.</summary>
public sealed class CommittedCredentialTests
{
    private const string Head = "schedule: \"0 * * * *\"\n";

    public static TheoryData<string, string, int, int, string> Credentials => new()
    {
        { "a bearer token in a header", Head + "http: { url: \"https://example.com\", headers: { X-Auth: \"Bearer abc123\" } }\n", 2, 56, "http.headers.X-Auth: the value looks like a bearer token" },
        { "any text in an Authorization header", Head + "http: { url: \"https://example.com\", headers: { Authorization: Basic dXNlcg } }\n", 2, 63, "http.headers.Authorization: the value looks like a credential" },
        { "any text in a token header", Head + "http: { url: \"https://example.com\", headers: { X-Gitlab-Token: t0ken } }\n", 2, 64, "http.headers.X-Gitlab-Token: the value looks like a credential" },
        { "a GitHub token in env", Head + "shell: \"true\"\nenv: { GH: ghp_0123456789abcdefghijABCDEFGHIJ012345 }\n", 3, 12, "env.GH: the value looks like a GitHub token" },
        { "a fine-grained GitHub token", Head + "shell: \"true\"\nenv: { GH: github_pat_11ABCDEFG0123456789_abcdefghij }\n", 3, 12, "env.GH: the value looks like a GitHub token" },
        { "a Slack bot token", Head + "shell: \"true\"\nenv: { SLACK: xoxb-1234567890-abcdefghij }\n", 3, 15, "env.SLACK: the value looks like a Slack token" },
        { "a Slack user token", Head + "shell: \"true\"\nenv: { SLACK: xoxp-1234567890-abcdefghij }\n", 3, 15, "env.SLACK: the value looks like a Slack token" },
        { "an AWS access key id", Head + "shell: \"true\"\nenv: { AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE }\n", 3, 27, "env.AWS_ACCESS_KEY_ID: the value looks like an AWS access key id" },
        { "an sk- secret key", Head + "shell: \"true\"\nenv: { OPENAI: sk-proj-abcdefghijklmnop0123 }\n", 3, 16, "env.OPENAI: the value looks like an API secret key" },
        { "a private key in a script", Head + "shell: |\n  cat > key <<EOF\n  -----BEGIN OPENSSH PRIVATE KEY-----\n  EOF\n", 2, 8, "shell: the value looks like a private key" },
        { "an RSA private key in env", Head + "shell: \"true\"\nenv: { KEY: \"-----BEGIN RSA PRIVATE KEY-----\\nMIIE\" }\n", 3, 13, "env.KEY: the value looks like a private key" },
        { "a URL with a password in env", Head + "shell: \"true\"\nenv: { DB_URL: \"postgres://u:pw@host/db\" }\n", 3, 16, "env.DB_URL: the value looks like a URL with a password in it" },
        { "a URL with a password in the http url", Head + "http: { url: \"https://user:s3cret@example.com/x\" }\n", 2, 14, "http.url: the value looks like a URL with a password in it" },
        { "a URL with a password in a command", Head + "command: [psql, \"postgresql://app:pw@db:5432/app\"]\n", 2, 17, "command[1]: the value looks like a URL with a password in it" },
        { "a literal password variable", Head + "shell: \"true\"\nenv: { DB_PASSWORD: hunter2 }\n", 3, 21, "env.DB_PASSWORD: the value looks like a credential" },
        { "a literal api key variable", Head + "shell: \"true\"\nenv: { STRIPE_API_KEY: abc }\n", 3, 24, "env.STRIPE_API_KEY: the value looks like a credential" },
        { "a bearer token in capitals", Head + "shell: 'curl -H \"AUTHORIZATION: BEARER 9F8E7D6C\" https://example.com'\n", 2, 8, "shell: the value looks like a bearer token" },
        { "a bearer token in a script", Head + "shell: 'curl -H \"Authorization: Bearer 9f8e7d6c\" https://example.com'\n", 2, 8, "shell: the value looks like a bearer token" },
    };

    public static TheoryData<string, string> NotCredentials => new()
    {
        { "a reference", Head + "http: { url: \"https://example.com\", headers: { Authorization: { from-env: API_TOKEN, prefix: \"Bearer \" } } }\n" },
        { "a password variable by reference", Head + "shell: \"true\"\nenv: { DB_PASSWORD: { from-file: /run/secrets/db } }\n" },
        { "an empty password variable", Head + "shell: \"true\"\nenv: { DB_PASSWORD: \"\" }\n" },
        { "a variable that only starts like one", Head + "shell: \"true\"\nenv: { TOKEN_TTL: \"3600\" }\n" },
        { "prose about bearer tokens", "description: Sends a Bearer token to the API\n" + Head + "shell: \"true\"\n" },
        { "a URL with a user but no password", Head + "command: [git, clone, \"https://git@example.com/repo.git\"]\n" },
        { "a URL with a templated password", Head + "http: { url: \"https://u:{{ run.id }}@example.com/x\" }\n" },
        { "a task that reads the password variable", Head + "shell: psql \"postgres://app:$DB_PASSWORD@db/app\" -c 'select 1'\n" },
        { "a public key", Head + "shell: echo '-----BEGIN PUBLIC KEY-----'\n" },
    };

    [Theory]
    [MemberData(nameof(Credentials))]
    public void A_committed_credential_is_refused_where_it_was_written_with_the_hint_to_use_a_reference(string name, string yaml, int line, int column, string message)
    {
        var result = TaskText.Read(yaml);

        Assert.Null(result.Task);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.SecretInDefinition);
        Assert.True((line, column) == (diagnostic.Line, diagnostic.Column), $"{name}: at {diagnostic.Line}:{diagnostic.Column}, {diagnostic.Message}");
        Assert.StartsWith(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("from-env", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(NotCredentials))]
    public void A_value_that_is_no_committed_credential_passes(string name, string yaml)
    {
        var result = TaskText.Read(yaml);

        Assert.True(result.Task is not null, $"{name}: {string.Join("; ", result.Diagnostics.Select(d => $"{d.Code} {d.Message}"))}");
    }

    [Fact]
    public void The_message_never_repeats_the_credential()
    {
        var result = TaskText.Read(Head + "shell: \"true\"\nenv: { DB_PASSWORD: hunter2-secret }\n");

        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("hunter2", StringComparison.Ordinal) || (d.Hint ?? "").Contains("hunter2", StringComparison.Ordinal));
    }
}
