using Microsoft.AspNetCore.Identity;

namespace Trellis.Server.Features.Accounts;

/// <summary>Identity's error codes put next to the form field they are about.</summary>
public static class AccountErrors
{
    public static IReadOnlyList<(string Field, string Message)> From(IdentityResult result) =>
        result.Errors.Select(e => (Field(e.Code), e.Description)).ToList();

    private static string Field(string code) => code switch
    {
        _ when code.StartsWith("Password", StringComparison.Ordinal) => "password",
        _ when code.Contains("Email", StringComparison.Ordinal) || code.Contains("UserName", StringComparison.Ordinal) => "email",
        "InvalidToken" => "token",
        _ => "",
    };
}
