using Microsoft.AspNetCore.Authorization;

namespace Scheduler.Web.Security;

/// <summary>
/// The user must hold <see cref="Role"/>. When <see cref="AnonymousMayQualify"/>, a request that has not signed in
/// qualifies by <see cref="AnonymousAccess"/>'s role (never for API writes, which need a token).
/// </summary>
internal sealed record RoleRequirement(string Role, bool AnonymousMayQualify) : IAuthorizationRequirement;
