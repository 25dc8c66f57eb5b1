using System.Security.Claims;

namespace Trellis.Server.Infrastructure.Web;

/// <summary>
/// The signed-in user an interactive page acts as, set on each operation's own scope by
/// <see cref="ConsoleData"/>: a circuit has no request whose HttpContext could say who it is.
/// </summary>
public sealed class ConsoleActor
{
    public ClaimsPrincipal? User { get; set; }
}
