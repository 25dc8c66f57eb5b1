using Microsoft.AspNetCore.Components.Forms;

namespace Trellis.Server.Features.Accounts;

/// <summary>Puts server-side errors next to their field in an <see cref="EditForm"/>.</summary>
public static class FormErrors
{
    /// <summary>Shows each error under its field (by camelCase name); returns the ones no field of the model takes.</summary>
    public static string? Show(EditContext context, IEnumerable<(string Field, string Message)> errors)
    {
        var store = new ValidationMessageStore(context);
        var rest = new List<string>();
        foreach (var (field, message) in errors)
        {
            var name = field.Length == 0 ? "" : char.ToUpperInvariant(field[0]) + field[1..];
            if (name.Length > 0 && context.Model.GetType().GetProperty(name) is not null)
            {
                store.Add(context.Field(name), message);
            }
            else
            {
                rest.Add(message);
            }
        }

        context.NotifyValidationStateChanged();
        return rest.Count == 0 ? null : string.Join(" ", rest);
    }
}
