using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure.Web;

namespace Trellis.Server.Features.Resources;

public sealed record ResourceRow(string Id, string Title, string? Description, string? Url, string? Text, DateTimeOffset CreatedAt)
{
    public static ResourceRow From(ProgramResource r) => new(r.Id, r.Title, r.Description, r.Url, r.Text, r.CreatedAt);
}

/// <summary>A resource to share: a title, and a link or a text (or both).</summary>
public sealed class ResourceForm
{
    [Required(ErrorMessage = "Give the resource a title."), StringLength(200)]
    public string Title { get; set; } = "";

    [StringLength(1000)]
    public string? Description { get; set; }

    [StringLength(2048)]
    public string? Url { get; set; }

    [StringLength(8000)]
    public string? Text { get; set; }
}

/// <summary>
/// What a program shares with its partners (brand assets, copy, guidelines). Managers add and remove them
/// in the console; the portal shows a program's resources to its approved partners only
/// (<see cref="Portal.PortalQueries.ResourcesAsync"/>).
/// </summary>
public sealed class ProgramResources(TrellisDbContext db, TimeProvider time)
{
    public async Task<List<ResourceRow>> ListAsync(string programId, CancellationToken ct = default) =>
        (await db.ProgramResources.AsNoTracking().Where(r => r.ProgramId == programId).ToListAsync(ct))
            .OrderBy(r => r.Title, StringComparer.OrdinalIgnoreCase).Select(ResourceRow.From).ToList();

    public async Task<(ResourceRow? Resource, FieldError? Error)> AddAsync(string programId, ResourceForm form, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true))
        {
            var first = results[0];
            return (null, new FieldError(first.MemberNames.FirstOrDefault() ?? "", first.ErrorMessage ?? "Invalid."));
        }

        var url = Blank(form.Url);
        var text = Blank(form.Text);
        if (url is null && text is null)
        {
            return (null, new FieldError(nameof(ResourceForm.Url), "Give a link or a text to share."));
        }

        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            return (null, new FieldError(nameof(ResourceForm.Url), "The link must be an absolute http or https URL."));
        }

        if (!await db.Programs.AnyAsync(p => p.Id == programId, ct))
        {
            return (null, new FieldError("programId", $"No program with id '{programId}'."));
        }

        var resource = new ProgramResource
        {
            Id = Ids.New(Ids.ProgramResource, time),
            ProgramId = programId,
            Title = form.Title.Trim(),
            Description = Blank(form.Description),
            Url = url,
            Text = text,
            CreatedAt = time.GetUtcNow(),
        };
        db.ProgramResources.Add(resource);
        await db.SaveChangesAsync(ct);
        return (ResourceRow.From(resource), null);
    }

    /// <summary>Removes a resource of the program; false when the program has none with that id.</summary>
    public async Task<bool> RemoveAsync(string programId, string resourceId, CancellationToken ct = default)
    {
        var resource = await db.ProgramResources.FirstOrDefaultAsync(r => r.Id == resourceId && r.ProgramId == programId, ct);
        if (resource is null)
        {
            return false;
        }

        db.ProgramResources.Remove(resource);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
