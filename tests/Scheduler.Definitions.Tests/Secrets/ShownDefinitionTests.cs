using Scheduler.Definitions.Loading;

namespace Scheduler.Definitions.Tests.Secrets;

/// <summary>The task file as the page and the API show it: references read as <c>*** (from-env NAME)</c>, the rest as written.</summary>
public sealed class ShownDefinitionTests
{
    [Fact]
    public void Flow_and_block_references_are_shown_as_stars_with_their_source_and_the_rest_is_kept()
    {
        const string yaml = """
            # nightly sync
            schedule: "0 * * * *"
            env:
              DB_URL: { from-env: APP_DB_URL }
              KEY:
                from-file: "/run/secrets/k}ey"
                prefix: 'k='

              LEVEL: "3"
            http:
              url: https://example.com
              headers: { Authorization: { prefix: "Bearer ", from-env: API_TOKEN }, X-Tag: "{literal}" }
            """;

        Assert.Equal("""
            # nightly sync
            schedule: "0 * * * *"
            env:
              DB_URL: "*** (from-env APP_DB_URL)"
              KEY:
                "k=*** (from-file /run/secrets/k}ey)"

              LEVEL: "3"
            http:
              url: https://example.com
              headers: { Authorization: "Bearer *** (from-env API_TOKEN)", X-Tag: "{literal}" }
            """, ShownDefinition.Of(yaml));
    }

    [Fact]
    public void What_is_shown_is_still_a_valid_task_file()
    {
        var shown = ShownDefinition.Of("schedule: \"0 * * * *\"\nshell: \"true\"\nenv:\n  A:\n    from-env: X\n  B: { from-env: Y }\n");

        var reread = TaskText.Read(shown).Task!;

        Assert.Equal(["*** (from-env X)", "*** (from-env Y)"], reread.Environment.Values.Select(v => v.Text));
    }

    [Theory]
    [InlineData("schedule: \"0 * * * *\"\nshell: echo from-env\n")]
    [InlineData("not: [valid")]
    [InlineData("schedule: \"0 * * * *\"\nshell: \"true\"\nenv: { A: { from-env: X, from-file: y } }\n")]
    public void A_file_without_references_or_that_does_not_parse_is_shown_as_written(string yaml)
    {
        Assert.Equal(yaml, ShownDefinition.Of(yaml));
    }
}
