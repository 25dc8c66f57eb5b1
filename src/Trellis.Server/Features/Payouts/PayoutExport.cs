using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Trellis.Core.Money;
using Trellis.Core.Payouts;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Payouts;

/// <summary>One payout to export, with its partner and where to pay it (details in full).</summary>
public sealed record PayoutExportRow(Payout Payout, Partner Partner, PartnerPayoutDetails? Details);

/// <summary>
/// Payout files, written with CsvHelper as RFC 4180 (CRLF, quotes where needed). Text that a spreadsheet
/// would run as a formula (=, +, -, @ first) is escaped with a leading apostrophe, since partner names are
/// typed by partners.
/// </summary>
public static class PayoutExport
{
    /// <summary>
    /// A batch's payouts that are still to be paid (a file with paid or returned payouts in it invites paying
    /// them twice), in id order, each with its partner and the partner's payout account.
    /// </summary>
    public static async Task<List<PayoutExportRow>> RowsAsync(TrellisDbContext db, PayoutBatch batch, CancellationToken ct)
    {
        var payouts = batch.Payouts.Where(p => PayoutTransitions.IsLive(p.Status)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var enrollmentIds = payouts.Select(p => p.EnrollmentId).ToList();
        var partners = await db.Enrollments.AsNoTracking().Where(e => enrollmentIds.Contains(e.Id))
            .Select(e => new { e.Id, e.Partner }).ToDictionaryAsync(e => e.Id, e => e.Partner!, ct);
        var partnerIds = partners.Values.Select(p => p.Id).ToList();
        var details = await db.PayoutDetails.AsNoTracking().Where(d => partnerIds.Contains(d.PartnerId)).ToDictionaryAsync(d => d.PartnerId, ct);
        return payouts.Select(p => new PayoutExportRow(p, partners[p.EnrollmentId], details.GetValueOrDefault(partners[p.EnrollmentId].Id))).ToList();
    }

    public static readonly IReadOnlyList<string> GenericColumns =
        ["payout_id", "partner_name", "partner_email", "enrollment_id", "amount", "currency", "method", "account", "account_holder", "bic", "reference", "status"];

    /// <summary>PayPal's Payouts web upload takes at most this many rows per file.</summary>
    public const int PaypalMaxRows = 5_000;

    private const int PaypalNoteLength = 400;

    /// <summary>
    /// Every column a bank or bookkeeping needs, with a header row and a UTF-8 byte order mark (so Excel reads
    /// accents right). Amounts are major units with the currency's digits (12.50 USD, 1250 JPY, 1.250 KWD).
    /// </summary>
    public static byte[] Generic(IEnumerable<PayoutExportRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var output = new MemoryStream();
        using (var csv = CsvWriter.Create(output, Options(byteOrderMark: true), leaveOpen: true))
        {
            csv.WriteHeader([.. GenericColumns]);
            foreach (var (payout, partner, details) in rows)
            {
                csv.WriteRecord(
                    payout.Id,
                    partner.Name,
                    partner.Email,
                    payout.EnrollmentId,
                    Amount.ToMajorString(payout.Amount, payout.Currency),
                    payout.Currency,
                    details is null ? "" : PayoutMethods.Name(details.Method),
                    details?.Account ?? "",
                    details?.AccountHolder ?? "",
                    details?.Bic ?? "",
                    payout.ExternalReference ?? "",
                    PayoutsApi.Name(payout.Status));
            }
        }

        return output.ToArray();
    }

    /// <summary>
    /// PayPal's Payouts bulk upload: no header; recipient e-mail, amount, currency, customer id (left empty),
    /// note to the recipient (names the payout, so the payment can be matched back), wallet. One currency
    /// per file. Only payouts to partners paid by PayPal belong in it.
    /// </summary>
    public static byte[] Paypal(IEnumerable<PayoutExportRow> rows, string programName)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var output = new MemoryStream();
        using (var csv = CsvWriter.Create(output, Options(byteOrderMark: false), leaveOpen: true))
        {
            foreach (var (payout, _, details) in rows)
            {
                if (details is not { Method: PayoutMethod.Paypal, PaypalEmail: { } email })
                {
                    continue;
                }

                var note = $"{programName}: partner commissions, payout {payout.Id}";
                csv.WriteRecord(
                    email,
                    Amount.ToMajorString(payout.Amount, payout.Currency),
                    payout.Currency,
                    "",
                    note.Length > PaypalNoteLength ? note[..PaypalNoteLength] : note,
                    "PAYPAL");
            }
        }

        return output.ToArray();
    }

    public static bool PaidByPaypal(PayoutExportRow row) =>
        row?.Details is { Method: PayoutMethod.Paypal, PaypalEmail: not null };

    private static CsvWriterOptions Options(bool byteOrderMark) => CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        Quoting = CsvQuoting.WhenNeededOrWhitespace,
        WriteByteOrderMark = byteOrderMark,
    };
}
