using Trellis.Core.Deals;

namespace Trellis.Core.AccountMapping;

/// <summary>What an overlap is good for, from the two sides' statuses.</summary>
public enum CoSellPlay
{
    /// <summary>Their customer, our prospect or opportunity: the classic warm introduction.</summary>
    AskForIntroduction,

    /// <summary>Both sides are selling to the account: align the two deals.</summary>
    CoSell,

    /// <summary>A customer of both: expansion, integration adoption, a joint story.</summary>
    Expand,

    /// <summary>Our customer, their opportunity or prospect: we can introduce or vouch for them.</summary>
    OfferIntroduction,

    /// <summary>A prospect of both: plan the outreach together.</summary>
    JointProspecting,

    /// <summary>The partner does not share its status: ask them.</summary>
    AskPartner,
}

/// <summary>The suggestion for one overlap, with the text the manager reads.</summary>
public sealed record CoSellSuggestion(CoSellPlay Play, int Priority, string Action)
{
    /// <summary>
    /// The play for an account the company holds as <paramref name="ours"/> and the partner as
    /// <paramref name="theirs"/> (null: not shared). Priority 1 is the strongest.
    /// </summary>
    public static CoSellSuggestion For(AccountStatus? theirs, AccountStatus ours) => (theirs, ours) switch
    {
        (AccountStatus.Customer, AccountStatus.Prospect or AccountStatus.Opportunity) =>
            new(CoSellPlay.AskForIntroduction, 1, "Ask the partner for an introduction: the account is their customer."),
        (AccountStatus.Opportunity, AccountStatus.Opportunity or AccountStatus.Prospect) =>
            new(CoSellPlay.CoSell, 2, "Co-sell: both sides are working the account, align on one plan."),
        (AccountStatus.Customer, AccountStatus.Customer) =>
            new(CoSellPlay.Expand, 3, "Expand together: a customer of both, propose the integration or a joint case study."),
        (AccountStatus.Opportunity or AccountStatus.Prospect, AccountStatus.Customer) =>
            new(CoSellPlay.OfferIntroduction, 3, "Offer the partner an introduction or a reference: the account is our customer."),
        (AccountStatus.Prospect, _) =>
            new(CoSellPlay.JointProspecting, 4, "Plan joint outreach: the account is a target for both."),
        _ => new(CoSellPlay.AskPartner, 5, "Ask the partner about the account: they have it but do not share its status."),
    };
}
