namespace Trellis.Server.Infrastructure.Web;

/// <summary>
/// The current request for services that are not handed it (the audit actor, the program scope, the sign-in
/// manager). It replaces ASP.NET Core's <see cref="HttpContextAccessor"/> in the container on purpose: while
/// that one is registered, hosting sets it for every request and stops reusing the request's HttpContext, a
/// third of the allocations of a redirect. This one is set by <see cref="UseRequestContext"/> after routing,
/// so the short-circuited <c>/r/{code}</c> never pays for it.
/// </summary>
public sealed class RequestContext : IHttpContextAccessor
{
    private static readonly AsyncLocal<Holder> Current = new();

    public HttpContext? HttpContext
    {
        get => Current.Value?.Context;
        set
        {
            // Clear the holder the flows still share, so a context that outlives its request is not seen as live.
            Current.Value?.Context = null;
            if (value is not null)
            {
                Current.Value = new Holder { Context = value };
            }
        }
    }

    /// <summary>Sets the request for everything after routing; the accessor is cleared when the request ends.</summary>
    public static IApplicationBuilder UseRequestContext(IApplicationBuilder app)
    {
        var accessor = app.ApplicationServices.GetRequiredService<RequestContext>();
        return app.Use(async (context, next) =>
        {
            accessor.HttpContext = context;
            try
            {
                await next(context);
            }
            finally
            {
                accessor.HttpContext = null;
            }
        });
    }

    private sealed class Holder
    {
        public HttpContext? Context;
    }
}
