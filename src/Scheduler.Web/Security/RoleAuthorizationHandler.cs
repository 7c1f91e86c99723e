using Microsoft.AspNetCore.Authorization;

namespace Scheduler.Web.Security;

/// <summary>Decides <see cref="RoleRequirement"/> for signed-in users by their roles and for anonymous ones by <see cref="AnonymousAccess"/>.</summary>
internal sealed class RoleAuthorizationHandler(AnonymousAccess anonymous) : AuthorizationHandler<RoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        var granted = context.User.Identity?.IsAuthenticated == true
            ? SchedulerIdentity.Holds(context.User, requirement.Role)
            : requirement.AnonymousMayQualify && anonymous.Role is { } role && (role == requirement.Role || role == Roles.Operator);
        if (granted)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
