using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Data;

namespace Trellis.Server.Tests.Infrastructure;

/// <summary>A partner with a portal login, enrolled in a program: the browser, its partner and enrollment.</summary>
public sealed record PortalPartner(Browser Browser, string PartnerId, string EnrollmentId);

public static class PortalPartners
{
    /// <summary>A program's new partner (approved unless asked otherwise), logged in to the portal.</summary>
    public static async Task<PortalPartner> PortalPartnerAsync(this TrellisApp app, ProgramSetup program, bool approve = true)
    {
        var enrollmentId = await program.EnrollAsync(approve);
        string partnerId;
        using (var scope = app.Services.CreateScope())
        {
            partnerId = await scope.ServiceProvider.GetRequiredService<TrellisDbContext>().Enrollments
                .Where(e => e.Id == enrollmentId).Select(e => e.PartnerId).SingleAsync(TestContext.Current.CancellationToken);
        }

        return new PortalPartner(await Users.LoggedInAsync(app, role: null, partnerId), partnerId, enrollmentId);
    }
}
