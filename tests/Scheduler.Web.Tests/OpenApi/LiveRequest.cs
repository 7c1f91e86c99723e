namespace Scheduler.Web.Tests.OpenApi;

/// <summary>
/// One row of the live check: a request (<see cref="Url"/> may hold <c>{run}</c>, a finished run, and <c>{slow}</c>, a
/// running one), the operation of the document it exercises (<see cref="Path"/>, <see cref="Method"/>), the status it
/// must answer, and the token it sends (<c>operator</c>, <c>viewer</c>, <c>wrong</c> or none).
/// </summary>
internal sealed record LiveRequest(string Name, string Method, string Path, string Url, int Status, string? Token = null, string? Body = null);
