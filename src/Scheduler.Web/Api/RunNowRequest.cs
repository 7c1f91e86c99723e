using System.ComponentModel;
using System.Text.Json;

namespace Scheduler.Web.Api;

/// <summary>
/// The body of <c>POST /api/tasks/{id}/run</c> (optional): the run's parameters by name, each a string, a number or
/// true/false, read as the text <c>--param NAME=VALUE</c> would give. Parameters left out take their defaults.
/// </summary>
internal sealed record RunNowRequest(
    [property: Description("The run's parameters by name (string, number or true/false); those left out take their defaults.")]
    IReadOnlyDictionary<string, JsonElement>? Params);
