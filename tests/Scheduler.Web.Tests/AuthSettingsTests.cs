using Microsoft.Extensions.Configuration;
using Scheduler.Cli;
using Scheduler.Serving;
using Scheduler.Web.Security;

namespace Scheduler.Web.Tests;

/// <summary>Settings that would leave the page less protected than asked stop serve, each with the key and the fix.</summary>
public sealed class AuthSettingsTests
{
    [Fact]
    public async Task Serve_refuses_to_start_with_unusable_sign_in_settings_and_names_each_key_and_fix()
    {
        var root = Directory.CreateTempSubdirectory("scheduler-auth-").FullName;
        try
        {
            var overrides = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Scheduler:Auth:Mode"] = "proxy",
                ["Scheduler:Auth:Proxy:UserHeader"] = "X-Forwarded-Email",
                ["Scheduler:Auth:Proxy:TrustedNetworks"] = "10.0.0.300/8",
                ["Scheduler:Api:Tokens:ci:Hash"] = "abc123",
                ["Scheduler:Api:Tokens:ci:Role"] = "operator",
            }).Build();
            var options = new ServeOptions(Path.Combine(root, "schedules"), Path.Combine(root, "data"), "http://127.0.0.1:0", "auth-test", null, 1.0);

            var e = await Assert.ThrowsAsync<CommandFailedException>(() => ServeHost.BuildAsync(options, root, overrides, CancellationToken.None));

            Assert.Contains("Scheduler:Auth:Proxy:TrustedNetworks: '10.0.0.300/8' is not a network in CIDR notation", e.Message, StringComparison.Ordinal);
            Assert.Contains("Scheduler:Api:Tokens:ci:Hash: 'abc123' is not a SHA-256 in hex (64 characters); compute it with", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("ldap", "Scheduler:Auth:Mode: 'ldap' is not a mode; use none, oidc or proxy.")]
    public void An_unknown_mode_is_a_problem(string mode, string problem)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Scheduler:Auth:Mode"] = mode }).Build();

        _ = AuthSettingsReader.Read(configuration, out var problems);

        Assert.Equal([problem], problems);
    }

    [Fact]
    public void Oidc_without_an_authority_or_client_id_is_a_problem_for_each()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Scheduler:Auth:Mode"] = "oidc" }).Build();

        _ = AuthSettingsReader.Read(configuration, out var problems);

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("Scheduler:Auth:Oidc:Authority:", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Scheduler:Auth:Oidc:ClientId: is not set", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Role_lists_may_be_one_comma_separated_value_or_numbered_children()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scheduler:Auth:Mode"] = "oidc",
            ["Scheduler:Auth:Oidc:Authority"] = "https://login.example.com",
            ["Scheduler:Auth:Oidc:ClientId"] = "scheduler",
            ["Scheduler:Auth:Oidc:OperatorRoles"] = "ops, sre",
            ["Scheduler:Auth:Oidc:ViewerRoles:0"] = "staff",
        }).Build();

        var settings = AuthSettingsReader.Read(configuration, out var problems);

        Assert.Empty(problems);
        Assert.Equal(["ops", "sre"], settings.Oidc!.Roles.OperatorRoles);
        Assert.Equal(["staff"], settings.Oidc.Roles.ViewerRoles);
        Assert.Equal([Roles.Operator, Roles.Viewer], settings.Oidc.Roles.RolesFor("alice", ["staff", "sre"]));
        Assert.Empty(settings.Oidc.Roles.RolesFor("mallory", ["guests"]));
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/tasks/backups/nightly-db?before=4", true)]
    [InlineData("//evil.example/", false)]
    [InlineData("/\\evil.example/", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("", false)]
    public void Sign_in_returns_only_to_paths_on_this_site(string url, bool local) =>
        Assert.Equal(local, SignInEndpoints.IsLocal(url));
}
