namespace Trellis.Server.Infrastructure.Mail;

/// <summary>
/// Bound from <c>Mail</c>. Without a <see cref="Host"/>, messages are written as <c>.eml</c> files to
/// <c>&lt;data&gt;/mail</c> (the development sink) instead of being sent.
/// </summary>
public sealed class MailOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>Trellis &lt;partners@example.com&gt;</c>.</summary>
    public string From { get; set; } = "Trellis <trellis@localhost>";
}
