using Scheduler.Definitions.Scheduling;

namespace Scheduler.Definitions.Tests.Scheduling;

public sealed class TimeZoneCatalogTests
{
    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("Pacific/Chatham")]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    [InlineData("Asia/Calcutta")] // an old IANA link name is still an IANA id
    public void An_IANA_id_is_found_under_its_exact_name(string id)
    {
        Assert.True(TimeZoneCatalog.TryFind(id, out var zone));
        Assert.Equal(id, zone.Id);
    }

    [Theory]
    [InlineData("W. Europe Standard Time")] // Windows id
    [InlineData("Eastern Standard Time")]
    [InlineData("CET")] // abbreviation-style legacy names
    [InlineData("EST")]
    [InlineData("EST5EDT")]
    [InlineData("GMT")]
    [InlineData("europe/berlin")] // wrong case
    [InlineData("Europe/Berln")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    public void Anything_else_is_not_found(string id) =>
        Assert.False(TimeZoneCatalog.TryFind(id, out _));

    [Fact]
    public void Lookups_are_cached()
    {
        Assert.True(TimeZoneCatalog.TryFind("Europe/Berlin", out var first));
        Assert.True(TimeZoneCatalog.TryFind("Europe/Berlin", out var second));

        Assert.Same(first, second);
    }

    [Theory]
    [InlineData("Berlin", "Europe/Berlin")]
    [InlineData("Europe/Berln", "Europe/Berlin")]
    [InlineData("europe/berlin", "Europe/Berlin")]
    [InlineData("America/NewYork", "America/New_York")]
    [InlineData("New York", "America/New_York")]
    [InlineData("lord_howe", "Australia/Lord_Howe")]
    [InlineData("Asia/Kolkatta", "Asia/Kolkata")]
    public void The_nearest_id_is_suggested_first(string id, string expected) =>
        Assert.Equal(expected, TimeZoneCatalog.Nearest(id)[0]);

    [Theory]
    [InlineData("CET")]
    [InlineData("xyzzy")]
    [InlineData("W. Europe Standard Time")]
    public void Nothing_is_suggested_when_nothing_is_close(string id) =>
        Assert.Empty(TimeZoneCatalog.Nearest(id));

    [Fact]
    public void At_most_the_requested_number_of_ids_is_suggested()
    {
        Assert.Single(TimeZoneCatalog.Nearest("America/Port", count: 1));
        Assert.True(TimeZoneCatalog.Nearest("America/Port").Count <= 3);
    }
}
