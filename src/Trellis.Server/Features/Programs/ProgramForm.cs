using System.ComponentModel.DataAnnotations;

namespace Trellis.Server.Features.Programs;

/// <summary>The program settings form; the same limits as the API's requests, domains one per line.</summary>
public sealed class ProgramForm
{
    [Required, StringLength(200, MinimumLength = 1)]
    public string Name { get; set; } = "";

    [Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "Three capital letters, e.g. USD.")]
    public string Currency { get; set; } = "USD";

    [Required(ErrorMessage = "Name at least one domain links may point to.")]
    public string AllowedDomains { get; set; } = "";

    [Required, StringLength(2048)]
    public string DefaultUrl { get; set; } = "";

    [Range(1, 3650)]
    public int AttributionWindowDays { get; set; } = 90;

    [Range(0, 3650)]
    public int HoldDays { get; set; } = 30;

    /// <summary>In major units (e.g. 50.00); converted to minor units of the currency.</summary>
    [Range(0, 1_000_000_000)]
    public decimal MinPayout { get; set; }

    /// <summary>Extra questions of the public application form, one per line.</summary>
    [StringLength(6000)]
    public string ApplicationQuestions { get; set; } = "";

    public List<string> QuestionList() =>
        ApplicationQuestions.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public List<string> DomainList() =>
        AllowedDomains.Split(['\n', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>An API error field ("allowedDomains[1]", "defaultUrl") as this form's property name.</summary>
    public static string Property(string field) => field switch
    {
        _ when field.StartsWith("allowedDomains", StringComparison.Ordinal) => nameof(AllowedDomains),
        "defaultUrl" => nameof(DefaultUrl),
        "currency" => nameof(Currency),
        "minPayout" => nameof(MinPayout),
        _ => nameof(Name),
    };
}
