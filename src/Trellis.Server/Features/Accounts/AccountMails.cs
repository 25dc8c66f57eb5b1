using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Mail;

namespace Trellis.Server.Features.Accounts;

/// <summary>
/// The emails with a link to choose a password: a reset (forgot password) or an invitation to the team.
/// Both carry an Identity reset token, which stops working once a password is set with it.
/// </summary>
public sealed class AccountMails(UserManager<TrellisUser> users, MailSender mail, IOptions<TrellisOptions> options)
{
    public async Task SendPasswordResetAsync(TrellisUser user, string baseUri, CancellationToken ct = default)
    {
        var link = await LinkAsync(user, baseUri, invite: false);
        await mail.SendAsync(user.Email!, "Reset your Trellis password",
            $"Someone asked to reset the password of your Trellis account ({user.Email}).\n\n" +
            $"Choose a new password here:\n{link}\n\nIf it was not you, ignore this message: your password stays as it is.\n", ct);
    }

    public async Task SendInvitationAsync(TrellisUser user, string invitedBy, string role, string baseUri, CancellationToken ct = default)
    {
        var link = await LinkAsync(user, baseUri, invite: true);
        await mail.SendAsync(user.Email!, "You are invited to Trellis",
            $"{invitedBy} invited you to the Trellis console as {role}.\n\nChoose your password to get started:\n{link}\n", ct);
    }

    private async Task<string> LinkAsync(TrellisUser user, string baseUri, bool invite)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        var root = options.Value.PublicBaseUrl?.GetLeftPart(UriPartial.Authority) ?? baseUri.TrimEnd('/');
        return $"{root}/account/reset-password?userId={Uri.EscapeDataString(user.Id)}&code={code}{(invite ? "&invite=1" : "")}";
    }

    public static string? DecodeCode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
