using System.Text;
using Scheduler.Engine.Handlers;

namespace Scheduler.Engine.Tests.Handlers;

/// <summary>A run's secret values never reach its stored output or the terminal, however the output is cut into chunks.</summary>
public sealed class SecretMaskingTests
{
    private const string Secret = "s3cr3t-Value";
    private const string Output = "url=postgres://app:" + Secret + "@db/app done";
    private const string Masked = "url=postgres://app:***@db/app done";

    [Fact]
    public void Every_split_of_the_output_into_two_chunks_masks_the_value()
    {
        for (var cut = 0; cut <= Output.Length; cut++)
        {
            var (stored, streamed) = Write([Secret], Output[..cut], Output[cut..]);

            Assert.True(stored == Masked, $"cut at {cut}: stored '{stored}'");
            Assert.True(streamed == Masked, $"cut at {cut}: streamed '{streamed}'");
        }
    }

    [Fact]
    public void Every_split_into_three_chunks_masks_the_value_even_when_the_middle_chunk_is_inside_it()
    {
        for (var first = 0; first <= Output.Length; first++)
        {
            for (var second = first; second <= Output.Length; second++)
            {
                var (stored, streamed) = Write([Secret], Output[..first], Output[first..second], Output[second..]);

                Assert.True(stored == Masked && streamed == Masked, $"cuts at {first} and {second}: '{stored}', '{streamed}'");
            }
        }
    }

    [Fact]
    public void Output_arriving_one_byte_at_a_time_is_masked()
    {
        var text = $"{Secret}{Secret} and {Secret}\n";

        var (stored, streamed) = Write([Secret], [.. text.Select(c => c.ToString())]);

        Assert.Equal(("****** and ***\n", "****** and ***\n"), (stored, streamed));
    }

    [Theory]
    [InlineData("abc-long-secret", "long", "x abc-long-secret y", "x *** y")]        // the longer value wins at one place
    [InlineData("token-1234", "1234-more", "token-1234-more", "***-more")]           // overlapping values: the first one found
    [InlineData("abcdefgh", "cdef", "abcdeX cdef", "abcdeX ***")]                     // a start that did not become the longer one
    [InlineData("pass", "password-9", "password-9 pass passw", "*** *** ***")]                 // "passw" ends the output as a start of password-9
    public void Several_values_are_masked_as_one_text_would_be_whatever_the_chunks(string one, string two, string output, string masked)
    {
        for (var cut = 0; cut <= output.Length; cut++)
        {
            var (stored, _) = Write([one, two], output[..cut], output[cut..]);

            Assert.True(stored == masked, $"cut at {cut}: '{stored}'");
        }
    }

    [Fact]
    public void Values_shorter_than_four_characters_are_not_masked()
    {
        var (stored, _) = Write(["abc", "x"], "abc x abcd");

        Assert.Equal("abc x abcd", stored);
    }

    [Fact]
    public void A_start_of_a_value_that_ends_the_output_is_masked_when_it_is_four_characters_or_more()
    {
        Assert.Equal("log: ***", Write([Secret], "log: s3cr").Stored);
        Assert.Equal("log: s3c", Write([Secret], "log: s3c").Stored);
        Assert.Equal("log: s3cr3t-Valu and more", Write([Secret], "log: s3cr3t-Valu", " and more").Stored);
    }

    [Fact]
    public void Multi_byte_values_are_masked_across_a_cut_inside_a_character()
    {
        const string secret = "pässwörd€";
        var bytes = Encoding.UTF8.GetBytes($"[{secret}]");
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var tail = new OutputTail();
            tail.MaskSecrets([secret]);
            tail.Append(bytes.AsSpan(0, cut));
            tail.Append(bytes.AsSpan(cut));

            Assert.Equal("[***]", tail.ToText());
        }
    }

    [Fact]
    public void The_tail_while_the_run_is_going_shows_no_part_of_a_value_held_back()
    {
        var tail = new OutputTail();
        tail.MaskSecrets([Secret]);

        tail.Append("progress: s3cr3t-V");

        Assert.Equal("progress: ***", tail.ToText());
        tail.Append("alue.");
        Assert.Equal("progress: ***.", tail.ToText());
    }

    [Fact]
    public void Completing_the_output_counts_what_was_held_back()
    {
        var tail = new OutputTail();
        tail.MaskSecrets([Secret]);

        tail.Append("ok s3c");
        Assert.Equal(("ok s3c", 3L), (tail.ToText(), tail.TotalBytes));
        tail.Complete();

        Assert.Equal(("ok s3c", 6L), (tail.ToText(), tail.TotalBytes));
    }

    [Fact]
    public void An_error_message_is_masked_too()
    {
        var tail = new OutputTail();
        tail.MaskSecrets([Secret]);

        Assert.Equal("connect to ***@db failed", tail.Mask($"connect to {Secret}@db failed"));
        Assert.Null(tail.Mask(null));
    }

    [Fact]
    public void Without_secrets_the_output_is_kept_as_written()
    {
        var tail = new OutputTail();
        tail.MaskSecrets([]);

        tail.Append(Output);

        Assert.Equal((Output, (long)Output.Length), (tail.ToText(), tail.TotalBytes));
    }

    private static (string Stored, string Streamed) Write(string[] secrets, params string[] chunks)
    {
        var streamed = new List<byte>();
        var tail = new OutputTail(OutputTail.DefaultCapacity, bytes => streamed.AddRange(bytes.ToArray()));
        tail.MaskSecrets(secrets);
        foreach (var chunk in chunks)
        {
            tail.Append(chunk);
        }

        var stored = tail.ToText();
        tail.Complete();
        return (stored, Encoding.UTF8.GetString([.. streamed]));
    }
}
