namespace Scheduler.Web.Api;

/// <summary>
/// The 400 answer of run now: why each bad parameter was refused, by its name (<c>{"errors":{"region":"'mars' is not
/// one of …"}}</c>). A body that is not a JSON object of parameters is named <c>(body)</c>, which no parameter can be.
/// </summary>
internal sealed record ErrorsJson(IReadOnlyDictionary<string, string> Errors)
{
    public const string BodyKey = "(body)";
}
