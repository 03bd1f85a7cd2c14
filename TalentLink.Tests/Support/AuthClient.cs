using System.Net.Http.Headers;
using System.Text.Json;
using TalentLink.Auth.Model;

namespace TalentLink.Tests.Support;

/// <summary>Registers and signs in test users against an Auth endpoint (in process or through the AppHost).</summary>
public static class AuthClient
{
    public const string Password = "Correct-Horse-42";

    public static string NewEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    public static async Task<UserResponse> RegisterAsync(this HttpClient client, string email, string role, string password = Password)
    {
        var response = await client.PostAsJsonAsync("/api/auth/register", new { email, password, role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<UserResponse>())!;
    }

    public static async Task<TokenResponse> SignInAsync(this HttpClient client, string email, string password = Password)
    {
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }

    /// <summary>A new user of the given role, signed in.</summary>
    public static async Task<TokenResponse> NewUserAsync(this HttpClient client, string role)
    {
        var email = NewEmail(role);
        await client.RegisterAsync(email, role);
        return await client.SignInAsync(email);
    }

    public static HttpClient WithToken(this HttpClient client, string accessToken)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Asserts an RFC 9457 problem with the given status and returns its JSON.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", body); // no stack trace leaks
        return problem;
    }
}
