using Microsoft.EntityFrameworkCore;
using Trellis.Server.Features.Programs;

namespace Trellis.Server.Infrastructure.Tenancy;

/// <summary>Loads the route's program into <see cref="ProgramScope"/>, or answers 404.</summary>
public sealed class ProgramScopeFilter(ProgramScope scope) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var programId = context.HttpContext.GetRouteValue("programId") as string ?? "";
        var program = await scope.VisiblePrograms().AsNoTracking()
            .FirstOrDefaultAsync(p => p.Id == programId, context.HttpContext.RequestAborted);
        if (program is null)
        {
            return ProgramsApi.ProgramNotFound(programId);
        }

        scope.Program = program;
        return await next(context);
    }
}
