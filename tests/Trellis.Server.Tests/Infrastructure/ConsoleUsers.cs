using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Trellis.Server.Tests.Infrastructure;

/// <summary>Signed-in team members as console services see them, and the API's JSON of console answers.</summary>
public static class ConsoleUsers
{
    public static ClaimsPrincipal WithRole(string role) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, $"usr_{role}"), new Claim(ClaimTypes.Name, $"{role}@team.example"), new Claim(ClaimTypes.Role, role)], "test"));

    /// <summary>A value as the API would write it, so a console answer compares with the API's JSON.</summary>
    public static JsonNode? AsApiJson(this TrellisApp app, object? value)
    {
        var options = app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return JsonSerializer.SerializeToNode(value, value?.GetType() ?? typeof(object), options);
    }

    public static async Task<JsonNode?> PostJsonAsync(this HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body, TestContext.Current.CancellationToken);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
