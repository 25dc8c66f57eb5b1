using System.ComponentModel.DataAnnotations;
using Trellis.Core.Attribution;
using Trellis.Core.Payouts;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Programs;

/// <summary>A new partner program.</summary>
/// <param name="Name">Display name.</param>
/// <param name="Currency">ISO 4217 code of every amount in the program, e.g. USD.</param>
/// <param name="AllowedDomains">Domains links may point to (subdomains included).</param>
/// <param name="DefaultUrl">Where links go when no URL is given; must be on an allowed domain.</param>
/// <param name="AttributionWindowDays">How long after a click a conversion is credited to it (default 90).</param>
/// <param name="HoldDays">How long commissions stay pending before they can be paid (default 30).</param>
/// <param name="MinPayout">Smallest payout, in minor units (default 0).</param>
/// <param name="AttributionModel">lastClick (default), firstClick, linear, timeDecay or positionBased.</param>
/// <param name="TimeDecayHalfLifeDays">Time decay: the age in days at which a touchpoint weighs half (default 7, greater than 0).</param>
/// <param name="PayoutSchedule">manual (default: payouts only on demand), weekly (Mondays) or monthly (the 1st), 00:00 UTC.</param>
/// <param name="ApplicationQuestions">Extra questions of the public application form (/join/{programId}), as labels.</param>
public sealed record CreateProgramRequest(
    [Required, StringLength(200, MinimumLength = 1)] string Name,
    [Required, StringLength(3, MinimumLength = 3)] string Currency,
    [Required, MinLength(1)] List<string> AllowedDomains,
    [Required, StringLength(2048)] string DefaultUrl,
    [Range(1, 3650)] int? AttributionWindowDays = null,
    [Range(0, 3650)] int? HoldDays = null,
    [Range(0, long.MaxValue)] long? MinPayout = null,
    AttributionModel? AttributionModel = null,
    [Range(0.001, 3650)] double? TimeDecayHalfLifeDays = null,
    PayoutSchedule? PayoutSchedule = null,
    [MaxLength(20)] List<string>? ApplicationQuestions = null);

/// <summary>Changes to a program; absent fields stay as they are. The currency cannot change.</summary>
public sealed record UpdateProgramRequest(
    [StringLength(200, MinimumLength = 1)] string? Name = null,
    [MinLength(1)] List<string>? AllowedDomains = null,
    [StringLength(2048)] string? DefaultUrl = null,
    [Range(1, 3650)] int? AttributionWindowDays = null,
    [Range(0, 3650)] int? HoldDays = null,
    [Range(0, long.MaxValue)] long? MinPayout = null,
    AttributionModel? AttributionModel = null,
    [Range(0.001, 3650)] double? TimeDecayHalfLifeDays = null,
    PayoutSchedule? PayoutSchedule = null,
    [MaxLength(20)] List<string>? ApplicationQuestions = null);

public sealed record ProgramResponse(
    string Id,
    string Name,
    string Currency,
    IReadOnlyList<string> AllowedDomains,
    string DefaultUrl,
    int AttributionWindowDays,
    int HoldDays,
    long MinPayout,
    AttributionModel AttributionModel,
    double TimeDecayHalfLifeDays,
    DateTimeOffset CreatedAt,
    PayoutSchedule PayoutSchedule,
    IReadOnlyList<string> ApplicationQuestions)
{
    public static ProgramResponse From(PartnerProgram p) =>
        new(p.Id, p.Name, p.Currency, p.AllowedDomains, p.DefaultUrl, p.AttributionWindowDays, p.HoldDays, p.MinPayout,
            p.AttributionModel, p.TimeDecayHalfLifeDays > 0 ? p.TimeDecayHalfLifeDays : AttributionEngine.DefaultHalfLifeDays, p.CreatedAt,
            p.PayoutSchedule, p.ApplicationQuestions);
}
