using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Attribution;
using Trellis.Core.Payouts;
using Trellis.Core.Money;
using Trellis.Core.Tracking;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Programs;

/// <summary>A rule a program's settings break: the field at fault (as the API names it) and why.</summary>
public sealed record ProgramError(string Field, string Message);

/// <summary>Creating and changing programs with the checks that need more than data annotations: shared by the API and the console.</summary>
public sealed class ProgramService(TrellisDbContext db, TimeProvider time)
{
    private const string DefaultUrlRule = "The default URL must be an absolute http(s) URL on one of the allowed domains.";

    public async Task<(ProgramResponse? Program, ProgramError? Error)> CreateAsync(CreateProgramRequest request, CancellationToken ct = default)
    {
        if (!Currency.IsKnown(request.Currency))
        {
            return (null, new ProgramError("currency", $"'{request.Currency}' is not an ISO 4217 currency code (upper case, e.g. USD)."));
        }

        if (NormalizeDomains(request.AllowedDomains, out var domains) is { } domainError)
        {
            return (null, domainError);
        }

        if (!DestinationPolicy.TryAllow(request.DefaultUrl, domains, out var defaultUrl))
        {
            return (null, new ProgramError("defaultUrl", DefaultUrlRule));
        }

        var program = new PartnerProgram
        {
            Id = Ids.New(Ids.Program, time),
            Name = request.Name.Trim(),
            Currency = request.Currency,
            AllowedDomains = domains,
            DefaultUrl = defaultUrl.AbsoluteUri,
            AttributionWindowDays = request.AttributionWindowDays ?? 90,
            HoldDays = request.HoldDays ?? 30,
            MinPayout = request.MinPayout ?? 0,
            AttributionModel = request.AttributionModel ?? AttributionModel.LastClick,
            TimeDecayHalfLifeDays = request.TimeDecayHalfLifeDays ?? AttributionEngine.DefaultHalfLifeDays,
            PayoutSchedule = request.PayoutSchedule ?? PayoutSchedule.Manual,
            ApplicationQuestions = Questions(request.ApplicationQuestions) ?? [],
            CreatedAt = time.GetUtcNow(),
        };
        ApplyFraud(program, request.FraudSelfReferral, request.FraudMinClickSeconds, request.FraudRateAnomalyFactor, request.FraudRateMinClicks,
            request.FraudIpMaxConversions, request.FraudIpWindowHours, request.FraudCustomerOfAnotherPartner, request.FraudCouponLinksOnly);
        db.Programs.Add(program);
        await db.SaveChangesAsync(ct);
        return (ProgramResponse.From(program), null);
    }

    /// <summary>Applies the fields present; (null, null) when there is no such program.</summary>
    public async Task<(ProgramResponse? Program, ProgramError? Error)> UpdateAsync(string programId, UpdateProgramRequest request, CancellationToken ct = default)
    {
        var program = await db.Programs.FirstOrDefaultAsync(p => p.Id == programId, ct);
        if (program is null)
        {
            return (null, null);
        }

        if (request.AllowedDomains is not null)
        {
            if (NormalizeDomains(request.AllowedDomains, out var domains) is { } domainError)
            {
                return (null, domainError);
            }

            program.AllowedDomains = domains;
        }

        var defaultUrl = request.DefaultUrl ?? program.DefaultUrl;
        if (!DestinationPolicy.TryAllow(defaultUrl, program.AllowedDomains, out var allowedDefault))
        {
            return (null, new ProgramError(request.DefaultUrl is null ? "allowedDomains" : "defaultUrl", DefaultUrlRule));
        }

        program.DefaultUrl = allowedDefault.AbsoluteUri;
        program.Name = request.Name?.Trim() ?? program.Name;
        program.AttributionWindowDays = request.AttributionWindowDays ?? program.AttributionWindowDays;
        program.HoldDays = request.HoldDays ?? program.HoldDays;
        program.MinPayout = request.MinPayout ?? program.MinPayout;
        program.AttributionModel = request.AttributionModel ?? program.AttributionModel;
        program.TimeDecayHalfLifeDays = request.TimeDecayHalfLifeDays ?? program.TimeDecayHalfLifeDays;
        program.PayoutSchedule = request.PayoutSchedule ?? program.PayoutSchedule;
        program.ApplicationQuestions = Questions(request.ApplicationQuestions) ?? program.ApplicationQuestions;
        ApplyFraud(program, request.FraudSelfReferral, request.FraudMinClickSeconds, request.FraudRateAnomalyFactor, request.FraudRateMinClicks,
            request.FraudIpMaxConversions, request.FraudIpWindowHours, request.FraudCustomerOfAnotherPartner, request.FraudCouponLinksOnly);
        await db.SaveChangesAsync(ct);
        return (ProgramResponse.From(program), null);
    }

    /// <summary>Question labels trimmed, blanks dropped, each at most 300 characters.</summary>
    private static List<string>? Questions(List<string>? input) =>
        input?.Select(q => q.Trim()).Where(q => q.Length > 0).Select(q => q.Length > 300 ? q[..300] : q).Distinct().ToList();

    /// <summary>The fraud settings present; absent ones keep their value (the defaults on a new program).</summary>
    private static void ApplyFraud(
        PartnerProgram program, bool? selfReferral, int? minClickSeconds, double? rateFactor, int? rateMinClicks,
        int? ipMax, int? ipWindowHours, bool? otherPartner, bool? couponLinksOnly)
    {
        program.FraudSelfReferral = selfReferral ?? program.FraudSelfReferral;
        program.FraudMinClickSeconds = minClickSeconds ?? program.FraudMinClickSeconds;
        program.FraudRateAnomalyFactor = rateFactor ?? program.FraudRateAnomalyFactor;
        program.FraudRateMinClicks = rateMinClicks ?? program.FraudRateMinClicks;
        program.FraudIpMaxConversions = ipMax ?? program.FraudIpMaxConversions;
        program.FraudIpWindowHours = ipWindowHours ?? program.FraudIpWindowHours;
        program.FraudCustomerOfAnotherPartner = otherPartner ?? program.FraudCustomerOfAnotherPartner;
        program.FraudCouponLinksOnly = couponLinksOnly ?? program.FraudCouponLinksOnly;
    }

    private static ProgramError? NormalizeDomains(List<string> input, out List<string> domains)
    {
        domains = [];
        for (var i = 0; i < input.Count; i++)
        {
            var domain = DestinationPolicy.NormalizeDomain(input[i]);
            if (domain is null)
            {
                return new ProgramError($"allowedDomains[{i}]", $"'{input[i]}' is not a domain name (e.g. shop.example.com).");
            }

            if (!domains.Contains(domain))
            {
                domains.Add(domain);
            }
        }

        return null;
    }
}
