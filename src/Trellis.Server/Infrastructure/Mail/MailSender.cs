using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Trellis.Data;

namespace Trellis.Server.Infrastructure.Mail;

/// <summary>Sends mail through SMTP (MailKit) when <c>Mail:Host</c> is set, else drops it into the data folder.</summary>
public sealed partial class MailSender(IOptions<MailOptions> options, DatabaseOptions database, TimeProvider time, ILogger<MailSender> logger)
{
    public const string SinkFolder = "mail";

    public async Task SendAsync(string to, string subject, string text, CancellationToken ct = default)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Date = time.GetUtcNow();
        message.Body = new TextPart("plain") { Text = text };

        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            var folder = Path.Combine(Path.GetFullPath(database.DataDirectory), SinkFolder);
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(path, ct);
            LogWritten(logger, to, path);
            return;
        }

        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(settings.Host, settings.Port, SecureSocketOptions.Auto, ct);
        if (!string.IsNullOrEmpty(settings.Username))
        {
            await smtp.AuthenticateAsync(settings.Username, settings.Password ?? "", ct);
        }

        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No SMTP server configured (Mail:Host): the message to {To} was written to {Path}")]
    private static partial void LogWritten(ILogger logger, string to, string path);
}
