using System.Diagnostics;
using System.Text;
using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Loading;

namespace Scheduler.Definitions.Tests.Validation;

/// <summary>Hostile or broken files end quickly with one clear error: never a crash, a hang or a huge allocation.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public void A_file_over_one_mebibyte_is_refused_before_parsing()
    {
        var yaml = "schedule: \"0 * * * *\"\nshell: \"true\"\n# " + new string('x', 1024 * 1024);

        var diagnostic = Assert.Single(TaskText.Read(yaml).Diagnostics);

        Assert.Equal(DiagnosticCodes.FileTooLarge, diagnostic.Code);
    }

    [Fact]
    public void Nesting_deeper_than_64_levels_is_refused()
    {
        var yaml = "schedule: \"0 * * * *\"\nshell: \"true\"\nenv: " + new string('[', 100) + new string(']', 100);

        var diagnostic = Assert.Single(TaskText.Read(yaml).Diagnostics);

        Assert.Equal(DiagnosticCodes.NestingTooDeep, diagnostic.Code);
        Assert.Equal(3, diagnostic.Line);
    }

    [Fact]
    public void An_alias_bomb_is_refused_without_expanding_it()
    {
        // Nine levels of ten aliases each would expand to a billion nodes.
        var yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level <= 9; level++)
        {
            var refs = string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 10));
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"a{level}: &a{level} [{refs}]\n");
        }

        var watch = Stopwatch.StartNew();
        var diagnostic = Assert.Single(TaskText.Read(yaml.ToString()).Diagnostics);

        Assert.Equal(DiagnosticCodes.AliasExpansion, diagnostic.Code);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "the check is linear in the file, not in the expansion");
    }

    [Fact]
    public void Binary_junk_is_reported_as_not_text()
    {
        var bytes = new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0xFF };

        var result = TaskReader.Read(new SourceFile("junk.yaml", "schedules/junk.yaml", bytes), TaskText.From);

        Assert.Equal(DiagnosticCodes.NotText, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_line()
    {
        var bytes = Encoding.UTF8.GetBytes("schedule: \"0 * * * *\"\nshell: echo ").Concat(new byte[] { 0xC3, 0x28 }).ToArray();

        var diagnostic = Assert.Single(TaskReader.Read(new SourceFile("bad.yaml", "schedules/bad.yaml", bytes), TaskText.From).Diagnostics);

        Assert.Equal(DiagnosticCodes.NotText, diagnostic.Code);
        Assert.Equal(2, diagnostic.Line);
    }

    [Fact]
    public void A_byte_order_mark_is_accepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("schedule: \"0 * * * *\"\nshell: \"true\"\n")).ToArray();

        Assert.NotNull(TaskReader.Read(new SourceFile("bom.yaml", "schedules/bom.yaml", bytes), TaskText.From).Task);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[[[[")]
    [InlineData("key: [a, b\nother: c")]
    [InlineData("*unknown")]
    [InlineData("? [complex, key]\n: value")]
    [InlineData("\t- tab indented")]
    [InlineData("%YAML 9.9\n---\na: b")]
    public void Malformed_yaml_ends_in_a_diagnostic_not_an_exception(string yaml)
    {
        var result = TaskText.Read(yaml);

        Assert.Null(result.Task);
        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.True(d.Line >= 1 && d.Column >= 1));
    }

    [Fact]
    public void Random_bytes_never_crash_the_reader()
    {
        var random = new Random(20261123);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            var result = TaskReader.Read(new SourceFile("fuzz.yaml", "schedules/fuzz.yaml", bytes), TaskText.From);
            Assert.Null(result.Task);
            Assert.NotEmpty(result.Diagnostics);
        }
    }

    [Fact]
    public void Random_yaml_punctuation_never_crashes_the_reader()
    {
        var random = new Random(42);
        const string alphabet = "ab: -[]{}&*!|>'\"#%@`,?\n  \t0123456789.";
        for (var i = 0; i < 2000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(1, 80)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var result = TaskText.Read(text);
            Assert.Null(result.Task); // none of these has a schedule and a handler
            Assert.NotEmpty(result.Diagnostics);
        }
    }
}
