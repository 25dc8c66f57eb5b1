using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Webhooks;

namespace Trellis.Server.Features.Portal;

/// <summary>One answer of the application form.</summary>
public sealed record ApplicationAnswer(string Question, string Answer);

/// <summary>The public application form of <c>/join/{programId}</c>.</summary>
public sealed class ApplicationForm
{
    [Required, StringLength(200, MinimumLength = 1)]
    public string Name { get; set; } = "";

    [Required, EmailAddress, StringLength(320)]
    public string Email { get; set; } = "";

    [StringLength(2048), Url(ErrorMessage = "An absolute http(s) address, e.g. https://myblog.example.")]
    public string? Website { get; set; }

    /// <summary>Needed for a new login; a partner already logged in applies without one.</summary>
    [StringLength(200)]
    public string? Password { get; set; }

    /// <summary>Answers to the program's questions, in the same order.</summary>
    public List<string> Answers { get; set; } = [];

    /// <summary>
    /// The recruiting partner's enrollment, from a referral link (<c>/join/{programId}?ref={enrollmentId}</c>);
    /// an unknown or unapproved one is ignored, as a stale link should be.
    /// </summary>
    [StringLength(64)]
    public string? Ref { get; set; }
}

public sealed record ApplicationError(string Field, string Message);

/// <summary>An application waiting for (or past) a manager's decision.</summary>
public sealed record ApplicationRow(
    string EnrollmentId, string PartnerId, string Name, string Email, string? Website, EnrollmentStatus Status, string? Reason,
    DateTimeOffset AppliedAt, IReadOnlyList<ApplicationAnswer> Answers);

/// <summary>
/// Partners applying to a program from its public page, and managers deciding. Applying creates the
/// partner, its login (a <see cref="TrellisUser"/> with the partner id) and a pending enrollment; a
/// partner that already has a login applies to further programs with the same one.
/// </summary>
public sealed class PartnerApplications(TrellisDbContext db, UserManager<TrellisUser> users, WebhookEvents webhooks, TimeProvider time)
{
    public Task<PartnerProgram?> ProgramAsync(string programId, CancellationToken ct = default) =>
        db.Programs.AsNoTracking().FirstOrDefaultAsync(p => p.Id == programId, ct);

    /// <summary>
    /// Files the application. <paramref name="partnerId"/> is the signed-in partner, if any; otherwise a
    /// partner and login are created from the form. Returns the login's user to sign in (when new).
    /// </summary>
    public async Task<(TrellisUser? NewUser, ApplicationError? Error)> ApplyAsync(
        PartnerProgram program, ApplicationForm form, string? partnerId, CancellationToken ct = default)
    {
        var answers = new List<ApplicationAnswer>();
        for (var i = 0; i < program.ApplicationQuestions.Count; i++)
        {
            var answer = (i < form.Answers.Count ? form.Answers[i] : null)?.Trim() ?? "";
            if (answer.Length == 0)
            {
                return (null, new ApplicationError($"Answers[{i}]", "Please answer this question."));
            }

            answers.Add(new ApplicationAnswer(program.ApplicationQuestions[i], answer.Length > 2000 ? answer[..2000] : answer));
        }

        TrellisUser? newUser = null;
        Partner? partner;
        if (partnerId is not null)
        {
            partner = await db.Partners.FirstOrDefaultAsync(p => p.Id == partnerId, ct);
            if (partner is null)
            {
                return (null, new ApplicationError(nameof(ApplicationForm.Email), "Your partner account no longer exists."));
            }

            if (await db.Enrollments.AnyAsync(e => e.ProgramId == program.Id && e.PartnerId == partner.Id, ct))
            {
                return (null, new ApplicationError(nameof(ApplicationForm.Name), "You have already applied to this program."));
            }
        }
        else
        {
            var email = form.Email.Trim();
            if (await users.FindByEmailAsync(email) is not null)
            {
                return (null, new ApplicationError(nameof(ApplicationForm.Email), "This email already has a login: log in first, then apply."));
            }

            if (form.Password is not { Length: >= 10 })
            {
                return (null, new ApplicationError(nameof(ApplicationForm.Password), "Choose a password of at least 10 characters."));
            }

            partner = new Partner
            {
                Id = Ids.New(Ids.Partner, time),
                Name = form.Name.Trim(),
                Email = email,
                Website = string.IsNullOrWhiteSpace(form.Website) ? null : form.Website.Trim(),
                CreatedAt = time.GetUtcNow(),
            };
            db.Partners.Add(partner);
            await db.SaveChangesAsync(ct);
            newUser = new TrellisUser
            {
                Id = Ids.New(Ids.User, time),
                UserName = email,
                Email = email,
                DisplayName = partner.Name,
                PartnerId = partner.Id,
                CreatedAt = time.GetUtcNow(),
            };
            var created = await users.CreateAsync(newUser, form.Password);
            if (!created.Succeeded)
            {
                db.Partners.Remove(partner);
                await db.SaveChangesAsync(ct);
                return (null, new ApplicationError(nameof(ApplicationForm.Password), string.Join(" ", created.Errors.Select(e => e.Description))));
            }
        }

        var enrollment = new Enrollment
        {
            Id = Ids.New(Ids.Enrollment, time),
            ProgramId = program.Id,
            PartnerId = partner.Id,
            PartnerType = PartnerType.Affiliate,
            Status = EnrollmentStatus.Pending,
            ApplicationJson = JsonSerializer.Serialize(answers, JsonSerializerOptions.Web),
            ReferredByEnrollmentId = await RecruiterAsync(program.Id, partner.Id, form.Ref, ct),
            CreatedAt = time.GetUtcNow(),
            Partner = partner,
        };
        db.Enrollments.Add(enrollment);
        await webhooks.PartnerAppliedAsync(enrollment, ct);
        await db.SaveChangesAsync(ct);
        return (newUser, null);
    }

    /// <summary>The approved enrollment of another partner in the same program that a referral link names.</summary>
    private async Task<string?> RecruiterAsync(string programId, string partnerId, string? enrollmentId, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(enrollmentId)
            ? null
            : await db.Enrollments.AsNoTracking()
                .Where(e => e.Id == enrollmentId && e.ProgramId == programId && e.PartnerId != partnerId && e.Status == EnrollmentStatus.Approved)
                .Select(e => e.Id)
                .FirstOrDefaultAsync(ct);

    /// <summary>The program's applications, pending first, newest first.</summary>
    public async Task<List<ApplicationRow>> ListAsync(string programId, EnrollmentStatus? status, CancellationToken ct = default)
    {
        var query = db.Enrollments.AsNoTracking().Where(e => e.ProgramId == programId);
        if (status is not null)
        {
            query = query.Where(e => e.Status == status);
        }

        var rows = await query
            .Join(db.Partners, e => e.PartnerId, p => p.Id, (e, p) => new { e.Id, e.PartnerId, p.Name, p.Email, p.Website, e.Status, e.StatusReason, e.CreatedAt, e.ApplicationJson })
            .OrderByDescending(r => r.Id)
            .Take(200)
            .ToListAsync(ct);
        return rows
            .Select(r => new ApplicationRow(r.Id, r.PartnerId, r.Name, r.Email, r.Website, r.Status, r.StatusReason, r.CreatedAt, Answers(r.ApplicationJson)))
            .ToList();
    }

    /// <summary>Approves or rejects (with the reason shown to the partner); false when there is no such enrollment.</summary>
    public async Task<bool> DecideAsync(string programId, string enrollmentId, bool approve, string? reason, CancellationToken ct = default)
    {
        var enrollment = await db.Enrollments.Include(e => e.Partner).FirstOrDefaultAsync(e => e.Id == enrollmentId && e.ProgramId == programId, ct);
        if (enrollment is null)
        {
            return false;
        }

        var status = approve ? EnrollmentStatus.Approved : EnrollmentStatus.Rejected;
        if (enrollment.Status != status)
        {
            enrollment.Status = status;
            enrollment.StatusReason = approve ? null : reason?.Trim() is { Length: > 0 } r ? r[..Math.Min(r.Length, 1000)] : null;
            enrollment.DecidedAt = time.GetUtcNow();
            if (approve)
            {
                await webhooks.EnrollmentApprovedAsync(enrollment, ct);
            }

            await db.SaveChangesAsync(ct);
        }

        return true;
    }

    public static IReadOnlyList<ApplicationAnswer> Answers(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<ApplicationAnswer>>(json, JsonSerializerOptions.Web) ?? [];
}
