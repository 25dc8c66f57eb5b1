namespace Trellis.Core.Webhooks;

/// <summary>Where an outbound delivery goes: a program's signed webhook endpoint or a partner's postback URL.</summary>
public enum DeliveryKind
{
    Webhook,
    Postback,
}

/// <summary>
/// Pending until a 2xx answer (succeeded) or until the retry window is spent (failed). Cancelled when
/// its endpoint or postback is deleted before it went out.
/// </summary>
public enum DeliveryStatus
{
    Pending,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>What a partner postback fires on.</summary>
public enum PostbackEvent
{
    /// <summary>A lead attributed to the enrollment.</summary>
    Lead,

    /// <summary>A sale attributed to the enrollment.</summary>
    Sale,

    /// <summary>A commission entry of the enrollment: an accrual, or a reversal after a refund.</summary>
    Commission,
}
