using System.Text;
using Scheduler.Engine.Handlers;

namespace Scheduler.Engine.Tests.Handlers;

public sealed class OutputTailTests
{
    [Fact]
    public void A_run_that_prints_nothing_has_an_empty_tail()
    {
        var tail = new OutputTail();

        Assert.Equal(("", 0L), (tail.ToText(), tail.TotalBytes));
    }

    [Theory]
    [InlineData(1000, new[] { 10, 300, 5 })]        // grows past its first size, stays linear
    [InlineData(1000, new[] { 600, 600, 600 })]     // grows to its capacity, then wraps
    [InlineData(1000, new[] { 3, 2500, 7 })]        // one write larger than the capacity
    [InlineData(64, new[] { 1, 1, 1, 100, 63, 2 })] // capacity below the first size
    public void The_tail_keeps_the_last_bytes_however_the_output_arrives(int capacity, int[] writes)
    {
        var tail = new OutputTail(capacity);
        var all = new StringBuilder();
        var next = 0;
        foreach (var length in writes)
        {
            var text = new string([.. Enumerable.Range(next, length).Select(i => (char)('a' + (i % 26)))]);
            next += length;
            all.Append(text);
            tail.Append(text);
        }

        var expected = all.ToString();
        Assert.Equal(expected[Math.Max(0, expected.Length - capacity)..], tail.ToText());
        Assert.Equal(expected.Length, tail.TotalBytes);
    }
}
