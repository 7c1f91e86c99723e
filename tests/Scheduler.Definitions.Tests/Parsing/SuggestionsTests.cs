using Scheduler.Definitions.Parsing;

namespace Scheduler.Definitions.Tests.Parsing;

/// <summary>The one edit distance behind every "did you mean", and the closeness a suggestion needs.</summary>
public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("timezone", "timezone", 0)]
    [InlineData("timzone", "timezone", 1)]
    [InlineData("tiemzone", "timezone", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("EUROPE/BERILN", "EUROPE/BERLIN", 1)]
    [InlineData("ca", "abc", 3)]
    public void A_transposition_counts_as_one_edit_like_an_insertion_a_deletion_or_a_substitution(string a, string b, int expected)
    {
        Assert.Equal(expected, Suggestions.Distance(a, b));
        Assert.Equal(expected, Suggestions.Distance(b, a));
    }

    [Fact]
    public void Words_longer_than_the_stack_rows_are_measured_on_the_heap_alike()
    {
        var longWord = new string('a', 600);

        Assert.Equal(1, Suggestions.Distance(longWord, longWord + "b"));
    }

    [Theory]
    [InlineData("timzone", "timezone")]
    [InlineData("shel", "shell")]
    [InlineData("foo", null)]
    public void Only_a_likely_typo_is_suggested(string input, string? expected) =>
        Assert.Equal(expected, Suggestions.Closest(input, ["timezone", "shell", "env"]));
}
