using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Core.Payouts;
using Trellis.Core.Tracking;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.CoMarketing;
using Trellis.Server.Features.Commissions;
using Trellis.Server.Features.Conversions;
using Trellis.Server.Features.Payouts;
using Trellis.Server.Features.Potential;
using Trellis.Server.Features.Tracking;

namespace Trellis.Server.Features.Demo;

/// <summary>
/// <c>--demo</c>: a program with partners, links, coupons, 90 days of clicks, leads, sales and refunds,
/// recorded through the same conversion code as the API, so every number on screen is real.
/// Loading twice does nothing the second time.
/// </summary>
public static partial class DemoData
{
    public const string ProgramName = "Acme Cloud (demo)";

    private static readonly string[] PartnerNames =
    [
        "Northwind Reviews", "Byte Budget Blog", "Cloud Coach", "DevTools Weekly", "Startup Stack",
        "The SaaS Digest", "Ops Notes", "Pending Partner Co",
    ];

    private static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
        "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    ];

    private static readonly string[] Countries = ["US", "US", "US", "GB", "DE", "CA", "FR", "IN", "BR", "AU"];

    private static readonly string[] Referrers = ["news.ycombinator.com", "www.reddit.com", "t.co", "www.youtube.com", "www.google.com"];

    public static async Task LoadAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<TrellisDbContext>();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("Trellis.Demo");
        if (await db.Programs.AnyAsync(p => p.Name == ProgramName, ct))
        {
            LogAlreadyLoaded(logger);
            return;
        }

        var time = provider.GetRequiredService<TimeProvider>();
        var codec = provider.GetRequiredService<TrackingSecrets>().Codec;
        var ipSecret = provider.GetRequiredService<TrackingSecrets>().IpSecret.ToArray();
        var now = time.GetUtcNow();
        var random = new Random(20261124);

        var program = new PartnerProgram
        {
            Id = Ids.New(Ids.Program, time),
            Name = ProgramName,
            Currency = "USD",
            AllowedDomains = ["acme.example"],
            DefaultUrl = "https://acme.example/",
            AttributionWindowDays = 90,
            HoldDays = 30,
            MinPayout = 5_000,
            CreatedAt = now.AddDays(-95),
        };
        db.Programs.Add(program);
        db.CommissionRules.Add(new CommissionRule
        {
            Id = Ids.New(Ids.CommissionRule, time), ProgramId = program.Id, Event = CommissionEvent.Sale,
            Type = CommissionType.Percent, BasisPoints = 2_000, RecurringMonths = 12, CreatedAt = program.CreatedAt,
        });
        db.CommissionRules.Add(new CommissionRule
        {
            Id = Ids.New(Ids.CommissionRule, time), ProgramId = program.Id, Event = CommissionEvent.Lead,
            Type = CommissionType.Flat, Amount = 200, CreatedAt = program.CreatedAt,
        });

        var links = new List<(Link Link, Guid Guid, double Weight)>();
        for (var i = 0; i < PartnerNames.Length; i++)
        {
            var partner = new Partner
            {
                Id = Ids.New(Ids.Partner, time),
                Name = PartnerNames[i],
                Email = $"partner{i + 1}@demo.example",
                CreatedAt = program.CreatedAt,
            };
            var approved = i < PartnerNames.Length - 1;
            var enrollment = new Enrollment
            {
                Id = Ids.New(Ids.Enrollment, time),
                ProgramId = program.Id,
                PartnerId = partner.Id,
                PartnerType = i % 3 == 2 ? PartnerType.Referral : PartnerType.Affiliate,
                Status = approved ? EnrollmentStatus.Approved : EnrollmentStatus.Pending,
                CreatedAt = program.CreatedAt,
                DecidedAt = approved ? program.CreatedAt : null,
            };
            db.AddRange(partner, enrollment);
            if (!approved)
            {
                continue;
            }

            var guid = Ids.NewGuid(time);
            var link = new Link
            {
                Id = Ids.Format(Ids.Link, guid),
                ProgramId = program.Id,
                EnrollmentId = enrollment.Id,
                Code = $"demo-{i + 1}",
                Url = i % 2 == 0 ? "https://acme.example/pricing" : "https://acme.example/",
                Sub1 = "demo",
                CreatedAt = program.CreatedAt,
            };
            db.Links.Add(link);
            db.Coupons.Add(new Coupon
            {
                Id = Ids.New(Ids.Coupon, time), ProgramId = program.Id, EnrollmentId = enrollment.Id,
                Code = $"PARTNER{i + 1}", CreatedAt = program.CreatedAt,
            });
            links.Add((link, guid, 1.0 / (i + 1)));
        }

        await db.SaveChangesAsync(ct);

        // Clicks: more recent days busier, the first partners busier than the last.
        var clicks = new List<Click>();
        var totalWeight = links.Sum(l => l.Weight);
        for (var day = 90; day >= 1; day--)
        {
            var count = 40 + ((90 - day) / 2) + random.Next(20);
            for (var n = 0; n < count; n++)
            {
                var pick = random.NextDouble() * totalWeight;
                var chosen = links[^1];
                foreach (var l in links)
                {
                    if ((pick -= l.Weight) <= 0)
                    {
                        chosen = l;
                        break;
                    }
                }

                var at = now.AddDays(-day).AddSeconds(random.Next(86_400));
                var agent = UserAgents[random.Next(UserAgents.Length)];
                var bot = UserAgentClassifier.IsBot(agent);
                var ip = new System.Net.IPAddress([(byte)(10 + random.Next(200)), (byte)random.Next(256), (byte)random.Next(256), 1]);
                clicks.Add(new Click
                {
                    Id = codec.Encode(chosen.Guid, at),
                    ProgramId = program.Id,
                    LinkId = chosen.Link.Id,
                    EnrollmentId = chosen.Link.EnrollmentId,
                    ClickedAt = at,
                    IpKey = IpAnonymizer.Key(ip, ipSecret),
                    UserAgent = agent,
                    ReferrerHost = Referrers[random.Next(Referrers.Length)],
                    DeviceClass = UserAgentClassifier.Device(agent),
                    Browser = UserAgentClassifier.Browser(agent),
                    Os = UserAgentClassifier.Os(agent),
                    Country = Countries[random.Next(Countries.Length)],
                    IsBot = bot,
                    IsDuplicate = !bot && random.Next(12) == 0,
                    Sub1 = chosen.Link.Sub1,
                });
            }
        }

        var store = provider.GetRequiredService<ClickStore>();
        foreach (var chunk in clicks.Chunk(2_000))
        {
            store.Insert(chunk);
        }

        db.ChangeTracker.Clear();

        // Conversions through the real recorder: some clicks lead, some leads buy, a few sales are refunded.
        var recorder = provider.GetRequiredService<ConversionRecorder>();
        var customer = 0;
        foreach (var click in clicks.Where(c => !c.IsBot && !c.IsDuplicate).OrderBy(c => c.ClickedAt))
        {
            if (random.Next(100) >= 6)
            {
                continue;
            }

            var externalId = $"demo-customer-{++customer}";
            var leadAt = click.ClickedAt.AddMinutes(5 + random.Next(600));
            if (leadAt > now)
            {
                continue;
            }

            var (segment, domain) = PotentialDemo.FactsFor(customer);
            await recorder.RecordAsync(program, new TrackCommand(ConversionKind.Lead, $"demo-lead-{customer}", leadAt,
                CustomerExternalId: externalId, ClickId: click.Id, EventName: "signup",
                CustomerCountry: click.Country, CustomerSegment: segment, CustomerDomain: domain), ct);
            db.ChangeTracker.Clear();
            if (random.Next(100) >= 45)
            {
                continue;
            }

            var saleAt = leadAt.AddHours(1 + random.Next(72));
            if (saleAt > now)
            {
                continue;
            }

            var amount = (long)(new[] { 2_900, 4_900, 9_900, 19_900 }[random.Next(4)]);
            await recorder.RecordAsync(program, new TrackCommand(ConversionKind.Sale, $"demo-sale-{customer}", saleAt, amount,
                CustomerExternalId: externalId), ct);
            db.ChangeTracker.Clear();
            if (random.Next(100) < 8 && saleAt.AddDays(3) < now)
            {
                await recorder.RecordAsync(program, new TrackCommand(ConversionKind.Refund, $"demo-refund-{customer}", saleAt.AddDays(3),
                    random.Next(2) == 0 ? amount : amount / 2, SaleEventId: $"demo-sale-{customer}"), ct);
                db.ChangeTracker.Clear();
            }
        }

        await PotentialDemo.LoadAsync(provider, program, ct);
        await Deals.DealsDemo.LoadAsync(provider, program, ct);
        await provider.GetRequiredService<CommissionMaturation>().RunAsync(ct);
        await PayoutsAsync(provider, db, program, ct);
        await CoMarketingDemo.LoadAsync(provider, program, ct);
        await Tiers.TiersDemo.LoadAsync(provider, program, ct);
        await Ecosystem.EcosystemDemo.LoadAsync(provider, program, ct);
        await AccountMapping.AccountMappingDemo.LoadAsync(provider, program, ct);
        LogLoaded(logger, program.Id, clicks.Count, customer);
    }

    /// <summary>Payout details for some partners and one payout run: most of it paid, one payout still pending.</summary>
    private static async Task PayoutsAsync(IServiceProvider provider, TrellisDbContext db, PartnerProgram program, CancellationToken ct)
    {
        var time = provider.GetRequiredService<TimeProvider>();
        var partners = await db.Enrollments.AsNoTracking().Where(e => e.ProgramId == program.Id && e.Status == EnrollmentStatus.Approved)
            .OrderBy(e => e.Id).Select(e => e.PartnerId).ToListAsync(ct);
        string[] ibans = ["DE89370400440532013000", "GB82WEST12345698765432"];
        for (var i = 0; i < partners.Count; i++)
        {
            db.PayoutDetails.Add(i % 3 == 1
                ? new PartnerPayoutDetails { PartnerId = partners[i], Method = PayoutMethod.BankTransfer, Iban = ibans[i % 2], AccountHolder = PartnerNames[i], UpdatedAt = time.GetUtcNow() }
                : new PartnerPayoutDetails { PartnerId = partners[i], Method = PayoutMethod.Paypal, PaypalEmail = $"payouts{i + 1}@demo.example", UpdatedAt = time.GetUtcNow() });
        }

        await db.SaveChangesAsync(ct);
        var batch = await provider.GetRequiredService<PayoutRunner>().RunAsync(program, enrollmentId: null, scheduleKey: null, actor: null, ct);
        var lifecycle = provider.GetRequiredService<PayoutLifecycle>();
        var actor = new PayoutActor(null, "demo");
        foreach (var payout in batch?.Payouts.Skip(1) ?? [])
        {
            await lifecycle.MoveAsync(program.Id, payout.Id, new PayoutMove(PayoutStatus.Processing), actor, ct);
            await lifecycle.MoveAsync(program.Id, payout.Id, new PayoutMove(PayoutStatus.Paid, Reference: $"DEMO-{payout.Id[^6..]}"), actor, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data is already loaded")]
    private static partial void LogAlreadyLoaded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded demo program {ProgramId}: {Clicks} clicks, {Customers} customers")]
    private static partial void LogLoaded(ILogger logger, string programId, int clicks, int customers);
}
