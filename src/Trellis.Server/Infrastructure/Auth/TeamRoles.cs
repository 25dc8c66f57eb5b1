namespace Trellis.Server.Infrastructure.Auth;

/// <summary>The console roles of a team member; each user holds exactly one. See <see cref="ConsolePolicies"/> for what each may do.</summary>
public static class TeamRoles
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Marketing = "marketing";
    public const string Sales = "sales";
    public const string Finance = "finance";
    public const string Viewer = "viewer";

    /// <summary>Most to least powerful.</summary>
    public static readonly IReadOnlyList<string> All = [Owner, Admin, Marketing, Sales, Finance, Viewer];

    public static string Describe(string role) => role switch
    {
        Owner => "Everything, including other owners",
        Admin => "Everything except owners",
        Marketing => "Programs, commission rules, coupons and partners",
        Sales => "Partners (applications, notes)",
        Finance => "Commission review and payouts",
        Viewer => "Sees everything, changes nothing",
        _ => role,
    };
}
