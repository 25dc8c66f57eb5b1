using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Web;

namespace Trellis.Server.Features.Partners;

public sealed record PartnerNoteRow(string Id, string AuthorName, string Text, DateTimeOffset CreatedAt);

/// <summary>
/// The team's notes about a partner in one program (the partner page's enrollment), newest first. Only
/// the console reads them: no portal page or API route exposes notes to partners.
/// </summary>
public sealed class PartnerNotes(TrellisDbContext db, IAuthorizationService authorization, TimeProvider time)
{
    public const int MaxLength = 4000;

    public async Task<List<PartnerNoteRow>> ListAsync(string programId, string enrollmentId, CancellationToken ct = default)
    {
        var partnerId = await PartnerOfAsync(programId, enrollmentId, ct);
        var rows = partnerId is null ? [] : await db.PartnerNotes.AsNoTracking()
            .Where(n => n.ProgramId == programId && n.PartnerId == partnerId)
            .Select(n => new PartnerNoteRow(n.Id, n.AuthorName, n.Text, n.CreatedAt))
            .ToListAsync(ct);
        // Ids are time-ordered (UUID v7), so they break ties between notes of the same millisecond.
        return [.. rows.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id, StringComparer.Ordinal)];
    }

    /// <summary>Adds a note by <paramref name="author"/>, who must be allowed to manage partners.</summary>
    public async Task<(PartnerNoteRow? Note, FieldError? Error)> AddAsync(
        ClaimsPrincipal author, string programId, string enrollmentId, string? text, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(author);
        if (!(await authorization.AuthorizeAsync(author, ConsolePolicies.ManagePartners)).Succeeded)
        {
            return (null, new FieldError("", "Your role cannot add notes."));
        }

        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return (null, new FieldError("text", "Write the note first."));
        }

        if (trimmed.Length > MaxLength)
        {
            return (null, new FieldError("text", $"A note has at most {MaxLength:N0} characters."));
        }

        if (await PartnerOfAsync(programId, enrollmentId, ct) is not { } partnerId)
        {
            return (null, new FieldError("enrollmentId", "No such partner in this program."));
        }

        var note = new PartnerNote
        {
            Id = Ids.New(Ids.PartnerNote, time),
            ProgramId = programId,
            PartnerId = partnerId,
            AuthorId = author.FindFirstValue(ClaimTypes.NameIdentifier),
            AuthorName = author.Identity?.Name ?? "team member",
            Text = trimmed,
            CreatedAt = time.GetUtcNow(),
        };
        db.PartnerNotes.Add(note);
        await db.SaveChangesAsync(ct);
        return (new PartnerNoteRow(note.Id, note.AuthorName, note.Text, note.CreatedAt), null);
    }

    private Task<string?> PartnerOfAsync(string programId, string enrollmentId, CancellationToken ct) =>
        db.Enrollments.AsNoTracking().Where(e => e.Id == enrollmentId && e.ProgramId == programId).Select(e => e.PartnerId).FirstOrDefaultAsync(ct);
}
