using AccountAdmin.Core.Audit;

namespace AccountAdmin.Web.Infrastructure;

public sealed class HttpActorContext(IHttpContextAccessor accessor) : IActorContext
{
    public Guid? UserId => accessor.HttpContext?.User.FindUserId();

    public Guid? ImpersonatorUserId => null;

    public string? ClientIp => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
