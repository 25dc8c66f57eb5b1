using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Trellis.Data.Model;

namespace Trellis.Data.Configurations;

/// <summary>ASP.NET Core Identity's tables, named like the rest of the schema.</summary>
internal static class IdentityConfigurations
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<TrellisUser>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.Id).HasMaxLength(40);
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.PartnerId).HasMaxLength(40);
            user.HasIndex(u => u.PartnerId);
            user.HasOne<Partner>().WithMany().HasForeignKey(u => u.PartnerId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<IdentityRole>(role =>
        {
            role.ToTable("roles");
            role.Property(r => r.Id).HasMaxLength(40);
        });
        builder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
    }
}
