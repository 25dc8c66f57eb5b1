using Trellis.Core.CoMarketing;

namespace Trellis.Server.Features.CoMarketing;

/// <summary>A manager's action on a fund request from the console: the amount to approve, or the reason or payment reference.</summary>
public sealed record FundDecision(FundAction Action, long? Amount = null, string? Text = null);
