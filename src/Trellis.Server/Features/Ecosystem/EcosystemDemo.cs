using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Deals;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.CoMarketing;
using Trellis.Server.Features.Commissions;
using Trellis.Server.Features.Conversions;
using Trellis.Server.Features.Deals;
using Trellis.Server.Features.Payouts;
using Trellis.Server.Features.Tiers;
using Trellis.Server.Features.Tracking;

namespace Trellis.Server.Features.Ecosystem;

/// <summary>
/// The strategic layer of the demo over the last twelve months: four strategic partners (two resellers, a
/// technology and a co-marketing partner) with deals in every stage, the company's pipeline with partner
/// touches and direct opportunities, joint business plans and a past co-marketing campaign with MDF paid
/// through the ledger. Everything goes through the same services as the API, each step on a demo clock set
/// to the day it happened, so registration, approval, protection and win dates are the history's own.
/// </summary>
public static class EcosystemDemo
{
    private sealed record Spec(int Partner, string Company, string Domain, long Value, int RegisteredDaysAgo, string Outcome, int OutcomeDaysAgo = 0, long? WonValue = null);

    /// <summary>Partners: 0 Contoso (reseller), 1 Fabrikam (technology), 2 Tailspin (co-marketing), 3 Globomantics (reseller, gone quiet).</summary>
    private static readonly (string Name, PartnerType Type)[] Partners =
    [
        ("Contoso Channel", PartnerType.Reseller), ("Fabrikam Integrations", PartnerType.Technology),
        ("Tailspin Media", PartnerType.CoMarketing), ("Globomantics Consulting", PartnerType.Reseller),
    ];

    private static readonly Spec[] Deals =
    [
        new(0, "Soylent", "soylent.example", 1_800_000, 350, "won", 300, 2_000_000),
        new(1, "Cyberdyne", "cyberdyne.example", 950_000, 330, "won", 270),
        new(0, "Oscorp", "oscorp.example", 1_200_000, 300, "lost", 240),
        new(2, "Duff", "duff.example", 400_000, 280, "won", 230),
        new(0, "Massive Dynamic", "massive.example", 2_400_000, 250, "won", 180, 2_600_000),
        new(1, "Gringotts", "gringotts.example", 700_000, 220, "expired"),
        new(3, "Dunder Mifflin", "dundermifflin.example", 600_000, 200, "lost", 160),
        new(2, "Krusty", "krusty.example", 300_000, 200, "won", 150),
        new(0, "Pied Piper", "piedpiper.example", 1_500_000, 170, "won", 110),
        new(1, "Aperture", "aperture.example", 1_100_000, 140, "won", 75, 1_250_000),
        new(0, "Wonka", "wonka.example", 900_000, 120, "lost", 60),
        new(2, "Nakatomi", "nakatomi.example", 650_000, 80, "in-progress", 70),
        new(0, "Virtucon", "virtucon.example", 2_000_000, 50, "won", 10),
        new(1, "Tessier-Ashpool", "tessier.example", 1_300_000, 40, "approved"),
        new(0, "Prestige Worldwide", "prestige.example", 800_000, 25, "in-progress", 20),
        new(2, "Ollivanders", "ollivanders.example", 250_000, 20, "rejected"),
        new(1, "Bluth", "bluth.example", 500_000, 5, "registered"),
    ];

    private static readonly string[] Companies =
    [
        "Acme Logistics", "Blue Sun", "Buy n Large", "Capsule Corp", "Delos", "Encom", "Gekko & Co", "Hanso", "InGen", "Kaiju Works",
        "LexCorp", "Monarch", "Nostromo", "Omni Consumer", "Planet Express", "Quark Labs", "Rekall", "Sirius Cyber", "Umbra", "Veidt",
        "Weyland", "Xanatos", "Yoyodyne", "Zorg",
    ];

    public static async Task LoadAsync(IServiceProvider provider, PartnerProgram program, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(program);
        var db = provider.GetRequiredService<TrellisDbContext>();
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow();
        var clock = new DemoClock(now.AddDays(-400));
        var deals = new DealService(db, provider.GetRequiredService<DealConflicts>(), provider.GetRequiredService<ConversionRecorder>(), clock);
        var opportunities = new OpportunityService(db, clock);

        var strategic = new List<string>();
        foreach (var (name, type) in Partners)
        {
            var partner = new Partner { Id = Ids.New(Ids.Partner, clock), Name = name, Email = $"{name.Split(' ')[0].ToLowerInvariant()}@partners.demo.example", CreatedAt = clock.GetUtcNow() };
            var enrollment = new Enrollment
            {
                Id = Ids.New(Ids.Enrollment, clock), ProgramId = program.Id, PartnerId = partner.Id, PartnerType = type, Status = EnrollmentStatus.Approved,
                CreatedAt = clock.GetUtcNow(), DecidedAt = clock.GetUtcNow(),
            };
            db.AddRange(partner, enrollment);
            strategic.Add(enrollment.Id);
        }

        await db.SaveChangesAsync(ct);
        var affiliates = await db.Enrollments.AsNoTracking()
            .Where(e => e.ProgramId == program.Id && e.Status == EnrollmentStatus.Approved && !strategic.Contains(e.Id))
            .OrderBy(e => e.Id).Select(e => e.Id).Take(2).ToListAsync(ct);

        // Every step of every deal, replayed in time order on the demo clock.
        var steps = new List<(DateTimeOffset At, int Order, Func<Task> Run)>();
        var ids = new Dictionary<Spec, string>();
        foreach (var spec in Deals)
        {
            var registered = now.AddDays(-spec.RegisteredDaysAgo);
            steps.Add((registered, 0, async () =>
            {
                var (deal, error) = await deals.RegisterAsync(program, DealActor.Manager, new RegisterDealRequest(
                    spec.Company, spec.Domain, DealKind.Deal, strategic[spec.Partner], "Jordan Buyer", $"jordan@{spec.Domain}", spec.Value, null,
                    DateOnly.FromDateTime(registered.AddDays(60).UtcDateTime)), ct);
                ids[spec] = deal?.Id ?? throw new InvalidOperationException($"Demo deal {spec.Domain}: {error?.ProblemDetails.Detail}");
            }));
            if (spec.Outcome == "registered")
            {
                continue;
            }

            steps.Add((registered.AddHours(20), 1, () => spec.Outcome == "rejected"
                ? deals.RejectAsync(program, ids[spec], "The account is already served by another reseller.", ct)
                : deals.ApproveAsync(program, ids[spec], ct)));
            var outcomeAt = now.AddDays(-spec.OutcomeDaysAgo);
            Func<Task>? outcome = spec.Outcome switch
            {
                "won" => () => deals.WinAsync(program, ids[spec], new WinDealRequest(spec.WonValue, outcomeAt), ct),
                "lost" => () => deals.LoseAsync(program, ids[spec], "Budget moved to next year.", ct),
                "in-progress" => () => deals.StartAsync(program, ids[spec], ct),
                _ => null,
            };
            if (outcome is not null)
            {
                steps.Add((outcomeAt, 2, async () => await outcome()));
            }
        }

        foreach (var (at, _, run) in steps.OrderBy(s => s.At).ThenBy(s => s.Order))
        {
            clock.Now = at;
            await run();
            db.ChangeTracker.Clear();
        }

        // Expiry as the job would have run it: the Gringotts registration was never worked on.
        clock.Now = now;
        await deals.ExpireAsync(ct);

        await PipelineAsync(program, opportunities, clock, now, [.. strategic.Take(3), .. affiliates], db, ct);
        await PlansAsync(db, clock, program, strategic, now, ct);
        await CampaignAsync(provider, db, clock, program, strategic, now, ct);
        await provider.GetRequiredService<TierEvaluation>().EvaluateAsync(program.Id, ct);
        await provider.GetRequiredService<CommissionMaturation>().RunAsync(ct);
    }

    /// <summary>
    /// The company's own pipeline, imported as a CRM would: two opportunities a month, every other one touched by a
    /// partner. Touched ones win more often than direct ones, as they tend to.
    /// </summary>
    private static async Task PipelineAsync(
        PartnerProgram program, OpportunityService opportunities, DemoClock clock, DateTimeOffset now, List<string> touchers, TrellisDbContext db, CancellationToken ct)
    {
        TouchKind[] kinds = [TouchKind.Introduced, TouchKind.CoSellingMeeting, TouchKind.TechnicalValidation, TouchKind.IntegrationInUse, TouchKind.MarketplaceListing];
        for (var i = 0; i < Companies.Length; i++)
        {
            var openedDaysAgo = 355 - (i * 15);
            var closedDaysAgo = openedDaysAgo - (25 + (i * 7 % 40));
            var touched = i % 2 == 0;
            var status = closedDaysAgo < 3 ? OpportunityStatus.Open
                : touched ? (i % 8 == 6 ? OpportunityStatus.Lost : OpportunityStatus.Won)
                : (i % 3 == 1 ? OpportunityStatus.Won : OpportunityStatus.Lost);
            var name = Companies[i];
            var domain = name.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal).Replace("&", "", StringComparison.Ordinal) + ".example";
            var opened = now.AddDays(-openedDaysAgo);
            clock.Now = opened;
            var request = new OpportunityRequest($"{name} platform", domain, (3 + (i * 5 % 17)) * 100_000L, null,
                status == OpportunityStatus.Open ? "negotiation" : "closed", i % 3 == 0 ? "Sam Sales" : "Riley Rep", status, opened,
                status == OpportunityStatus.Open ? null : now.AddDays(-closedDaysAgo));
            var opportunity = opportunities.Create(program, request, DomainName.Normalize(domain)!);
            await db.SaveChangesAsync(ct);
            if (touched && touchers.Count > 0)
            {
                await opportunities.TouchAsync(program, DealActor.Manager, opportunity.Id,
                    new TouchRequest(kinds[i / 2 % kinds.Length], touchers[i / 2 % touchers.Count], "Recorded from the CRM", opened.AddDays(4)), ct);
            }
        }

        db.ChangeTracker.Clear();
    }

    /// <summary>Contoso is behind its plan, Fabrikam on track; Tailspin and Globomantics have none.</summary>
    private static async Task PlansAsync(TrellisDbContext db, DemoClock clock, PartnerProgram program, List<string> strategic, DateTimeOffset now, CancellationToken ct)
    {
        clock.Now = now.AddDays(-90);
        await PlansApi.CreatePlanAsync(db, clock, program.Id,
            new PlanRequest(strategic[0], "Contoso FY plan", now.AddDays(-90), now.AddDays(90), TargetSourcedRevenue: 6_000_000, TargetDealsWon: 3), ct);
        await PlansApi.CreatePlanAsync(db, clock, program.Id,
            new PlanRequest(strategic[1], "Fabrikam integration plan", now.AddDays(-100), now.AddDays(80), TargetSourcedRevenue: 1_000_000, TargetCampaigns: 1), ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>A past co-marketing campaign with Tailspin and Fabrikam, and Tailspin's MDF paid through the ledger.</summary>
    private static async Task CampaignAsync(
        IServiceProvider provider, TrellisDbContext db, DemoClock clock, PartnerProgram program, List<string> strategic, DateTimeOffset now, CancellationToken ct)
    {
        clock.Now = now.AddDays(-160);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var (campaign, error) = await new Campaigns(db, clock, provider.GetRequiredService<LinkCache>()).CreateAsync(program, new CreateCampaignRequest(
            "Integration launch roadshow", today.AddDays(-150), today.AddDays(-90), "Joint events and a launch webinar for the Fabrikam integration", 3_000_000,
            EnrollmentIds: [strategic[2], strategic[1]]), ct);
        if (campaign is null)
        {
            throw new InvalidOperationException($"Demo campaign: {error?.ProblemDetails.Detail}");
        }

        var desk = new FundDesk(db, clock);
        var actor = new PayoutActor(null, "demo");
        var (fund, _) = await desk.RequestAsync(program, null, new CreateFundRequest(strategic[2], "Roadshow venues and the launch webinar", 600_000, campaign.Id), ct);
        clock.Now = now.AddDays(-155);
        await desk.ApproveAsync(program.Id, fund!.Id, 500_000, actor, ct);
        clock.Now = now.AddDays(-85);
        await desk.ClaimAsync(program.Id, fund.Id, null, new ClaimFundRequest(470_000, ["https://acme.example/demo/roadshow-invoices.pdf"]), ct);
        clock.Now = now.AddDays(-80);
        await desk.ApproveClaimAsync(program.Id, fund.Id, actor, ct);
        await desk.PayAsync(program.Id, fund.Id, "DEMO-MDF-ROADSHOW", actor, ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>The demo's clock: each step of the history runs at the time it happened.</summary>
    private sealed class DemoClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
