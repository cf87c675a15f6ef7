using AccountAdmin.Core.Audit;

namespace AccountAdmin.Web.Infrastructure;

public sealed class HttpActorContext(IHttpContextAccessor accessor) : IActorContext
{
    public Guid? UserId => accessor.HttpContext?.User.FindUserId();

    public Guid? ImpersonatorUserId => accessor.HttpContext?.User is { } user ? ImpersonationClaims.From(user)?.ImpersonatorId : null;

    public Guid? ConfinedToAccountId => accessor.HttpContext?.User is { } user ? ImpersonationClaims.From(user)?.AccountId : null;

    public Guid? SessionId => Guid.TryParse(accessor.HttpContext?.User.FindFirst(PortalClaims.Session)?.Value, out var id) ? id : null;

    public string? ClientIp => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
