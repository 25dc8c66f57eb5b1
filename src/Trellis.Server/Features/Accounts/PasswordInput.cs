using System.ComponentModel.DataAnnotations;

namespace Trellis.Server.Features.Accounts;

/// <summary>A new password typed twice: the reset form.</summary>
public class PasswordInput
{
    [Required, StringLength(200, MinimumLength = 10, ErrorMessage = "Use at least 10 characters.")]
    public string Password { get; set; } = "";

    [Required, Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
    public string ConfirmPassword { get; set; } = "";
}

/// <summary>The owner's email and password: the setup form.</summary>
public sealed class OwnerInput : PasswordInput
{
    [Required, EmailAddress]
    public string Email { get; set; } = "";
}
