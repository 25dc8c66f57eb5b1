namespace Trellis.Server.Features.Webhooks;

/// <summary>One event of the catalogue.</summary>
/// <param name="Version">The payload's version: additive changes keep it, a breaking change gets a new one.</param>
/// <param name="Emitted">False for events defined for endpoints to subscribe to now and sent by a later release.</param>
public sealed record WebhookEventType(string Type, int Version, string Description, bool Emitted);

/// <summary>The events endpoints can subscribe to. The payloads are in <see cref="WebhookPayloads"/>.</summary>
public static class WebhookEventTypes
{
    public const string All = "*";
    public const string PartnerApplied = "partner.applied";
    public const string EnrollmentApproved = "enrollment.approved";
    public const string ConversionCreated = "conversion.created";
    public const string CommissionCreated = "commission.created";
    public const string CommissionReversed = "commission.reversed";
    public const string PayoutPaid = "payout.paid";
    public const string DealRegistered = "deal.registered";
    public const string TierChanged = "tier.changed";

    public static readonly IReadOnlyList<WebhookEventType> Catalogue =
    [
        new(PartnerApplied, 1, "A partner applied to the program: an enrollment was created (data: enrollment).", true),
        new(EnrollmentApproved, 1, "An enrollment was approved (data: enrollment).", true),
        new(ConversionCreated, 1, "A lead, sale or refund was recorded (data: conversion).", true),
        new(CommissionCreated, 1, "A commission accrued in the ledger (data: commission).", true),
        new(CommissionReversed, 1, "A commission was reversed after a refund (data: commission, negative amount).", true),
        new(PayoutPaid, 1, "A payout was marked paid (data: payout, with its external reference).", true),
        new(DealRegistered, 1, "A partner registered a deal (data: deal). Sent once deal registration exists.", false),
        new(TierChanged, 1, "An enrollment moved between tiers, by the evaluation or a manager (data: tier change, with the reason).", true),
    ];

    public static bool IsKnown(string type) => type == All || Catalogue.Any(e => e.Type == type);

    public static int VersionOf(string type) => Catalogue.First(e => e.Type == type).Version;
}
