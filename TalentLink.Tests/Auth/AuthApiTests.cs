using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.EntityFrameworkCore;
using TalentLink.Auth.Infrastructure;
using TalentLink.Auth.Model;
using TalentLink.Auth.Services;

namespace TalentLink.Tests.Auth;

/// <summary>The Auth API, in process; every test runs once per provider (see the subclasses).</summary>
public abstract class AuthApiTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : AuthFactory
{
    private HttpClient Client() => factory.CreateClient();

    [Fact]
    public async Task A_registered_user_signs_in_and_reads_their_account()
    {
        var client = Client();
        var email = AuthClient.NewEmail();
        var registered = await client.RegisterAsync(email.ToUpperInvariant(), "candidate");
        Assert.Equal(email, registered.Email);
        Assert.Equal("candidate", registered.Role);

        var tokens = await client.SignInAsync(email);
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.True(tokens.ExpiresIn > 0);

        var me = await client.WithToken(tokens.AccessToken).GetFromJsonAsync<UserResponse>("/api/auth/me");
        Assert.Equal(registered.Id, me!.Id);
    }

    [Fact]
    public async Task Registering_an_email_twice_is_a_conflict_whatever_its_case()
    {
        var client = Client();
        var email = AuthClient.NewEmail();
        await client.RegisterAsync(email, "recruiter");

        var response = await client.PostAsJsonAsync("/api/auth/register", new { email = email.ToUpperInvariant(), password = AuthClient.Password, role = "candidate" });
        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("short1!")]
    [InlineData("onlylettersherepls")]
    [InlineData("aaaaaaaaaa1111111")]
    [InlineData("")]
    public async Task A_weak_password_is_rejected(string password)
    {
        var response = await Client().PostAsJsonAsync("/api/auth/register", new { email = AuthClient.NewEmail(), password, role = "candidate" });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two@@example.com")]
    [InlineData("spaces in@example.com")]
    [InlineData("nodot@example")]
    [InlineData("@example.com")]
    public async Task A_malformed_email_is_rejected(string email)
    {
        var response = await Client().PostAsJsonAsync("/api/auth/register", new { email, password = AuthClient.Password, role = "candidate" });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("superuser")]
    [InlineData(null)]
    public async Task Only_candidates_and_recruiters_can_self_register(string? role)
    {
        var response = await Client().PostAsJsonAsync("/api/auth/register", new { email = AuthClient.NewEmail(), password = AuthClient.Password, role });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"email\": 42, \"password\": [], \"role\": {}}")]
    [InlineData("")]
    public async Task A_malformed_body_is_a_bad_request_not_a_server_error(string body)
    {
        var response = await Client().PostAsync("/api/auth/register", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_wrong_password_or_unknown_email_is_unauthorized()
    {
        var client = Client();
        var email = AuthClient.NewEmail();
        await client.RegisterAsync(email, "candidate");

        await (await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password = "Wrong-Password-1" })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PostAsJsonAsync("/api/auth/sign-in", new { email = AuthClient.NewEmail(), password = AuthClient.Password })).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_token_is_rejected()
    {
        var user = await Client().NewUserAsync("candidate");
        var token = CreateToken(user.User.Id, RealKey(), expires: DateTime.UtcNow.AddMinutes(-5), issuedAt: DateTime.UtcNow.AddMinutes(-20));
        await (await Client().WithToken(token).GetAsync("/api/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_rejected()
    {
        var user = await Client().NewUserAsync("candidate");
        using var rsa = RSA.Create(2048);
        var forged = CreateToken(user.User.Id, new RsaSecurityKey(rsa) { KeyId = RealKey().KeyId });
        await (await Client().WithToken(forged).GetAsync("/api/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_rejected()
    {
        var user = await Client().NewUserAsync("candidate");
        var token = CreateToken(user.User.Id, RealKey(), audience: "some-other-app");
        await (await Client().WithToken(token).GetAsync("/api/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unsigned_token_is_rejected()
    {
        var user = await Client().NewUserAsync("candidate");
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        var payload = Base64UrlEncoder.Encode(
            $"{{\"sub\":\"{user.User.Id}\",\"role\":\"admin\",\"iss\":\"talentlink\",\"aud\":\"talentlink\",\"exp\":{DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds()}}}");
        await (await Client().WithToken($"{header}.{payload}.").GetAsync("/api/auth/users")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_rotates_the_token_and_reusing_a_spent_one_revokes_the_family()
    {
        var client = Client();
        var first = await client.NewUserAsync("candidate");

        var second = await (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first.RefreshToken })).Content.ReadFromJsonAsync<TokenResponse>();
        Assert.NotEqual(first.RefreshToken, second!.RefreshToken);

        // The spent token is presented again: someone copied it. Both it and its successor die.
        await (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first.RefreshToken })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = second.RefreshToken })).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Of_concurrent_refreshes_with_one_token_exactly_one_gets_new_tokens_and_the_family_is_revoked()
    {
        var client = Client();
        var first = await client.NewUserAsync("candidate");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Client().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first.RefreshToken })));

        var winners = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        var winner = Assert.Single(winners);
        foreach (var loser in responses.Except(winners))
        {
            await loser.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        // One successor was stored, and the reuse revoked it with the rest of the family.
        var successor = await winner.Content.ReadFromJsonAsync<TokenResponse>();
        await (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = successor!.RefreshToken })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await using var scope = factory.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AuthContext>();
        var family = await context.RefreshTokens.Where(t => t.UserId == first.User.Id).ToListAsync();
        Assert.Equal(2, family.Count);
        Assert.All(family, t => Assert.NotNull(t.RevokedAt));
    }

    [Fact]
    public async Task Signing_out_revokes_the_refresh_token()
    {
        var client = Client();
        var tokens = await client.NewUserAsync("recruiter");
        var signOut = await Client().WithToken(tokens.AccessToken).PostAsJsonAsync("/api/auth/sign-out", new { refreshToken = tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);

        await (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken })).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_ends_every_session_and_returns_fresh_tokens()
    {
        var client = Client();
        var email = AuthClient.NewEmail();
        await client.RegisterAsync(email, "candidate");
        var tokens = await client.SignInAsync(email);
        var authed = Client().WithToken(tokens.AccessToken);

        await (await authed.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = "Not-The-One-1", newPassword = "Brand-New-Pass-9" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await authed.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = AuthClient.Password, newPassword = "short" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);

        var changed = await authed.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = AuthClient.Password, newPassword = "Brand-New-Pass-9" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var fresh = (await changed.Content.ReadFromJsonAsync<TokenResponse>())!;

        // Every earlier session ends, access tokens included; the device that changed it stays signed in.
        await (await authed.GetAsync("/api/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await Client().WithToken(fresh.AccessToken).GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = fresh.RefreshToken })).StatusCode);
        await (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password = AuthClient.Password })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await client.SignInAsync(email, "Brand-New-Pass-9");
    }

    [Fact]
    public async Task A_suspended_user_cannot_sign_in_refresh_or_use_the_api_until_unsuspended()
    {
        var client = Client();
        var email = AuthClient.NewEmail();
        await client.RegisterAsync(email, "candidate");
        var tokens = await client.SignInAsync(email);
        var admin = await AdminClientAsync();

        var suspended = await admin.PostAsync($"/api/auth/users/{tokens.User.Id}/suspend", null);
        Assert.True((await suspended.Content.ReadFromJsonAsync<UserResponse>())!.Suspended);

        await (await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password = AuthClient.Password })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await Client().WithToken(tokens.AccessToken).GetAsync("/api/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/auth/users/{tokens.User.Id}/unsuspend", null)).StatusCode);
        await client.SignInAsync(email);
    }

    [Theory]
    [InlineData("candidate")]
    [InlineData("recruiter")]
    public async Task Admin_endpoints_are_forbidden_to_other_roles_and_need_a_token(string role)
    {
        var user = await Client().NewUserAsync(role);
        var authed = Client().WithToken(user.AccessToken);

        await (await authed.GetAsync("/api/auth/users")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await authed.PostAsync($"/api/auth/users/{user.User.Id}/suspend", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await Client().GetAsync("/api/auth/users")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Admins_list_users_filtered_and_paged()
    {
        var client = Client();
        var marker = Guid.NewGuid().ToString("N")[..10];
        for (var i = 0; i < 3; i++)
        {
            await client.RegisterAsync($"{marker}-{i}@example.com", "recruiter");
        }

        var admin = await AdminClientAsync();
        var page = await admin.GetFromJsonAsync<PagedResult<UserResponse>>($"/api/auth/users?search={marker.ToUpperInvariant()}&role=recruiter&page=2&pageSize=2");
        Assert.Equal(3, page!.TotalCount);
        Assert.Equal(2, page.TotalPages);
        Assert.Equal($"{marker}-2@example.com", Assert.Single(page.Items).Email);

        await (await admin.GetAsync("/api/auth/users?pageSize=1000")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.GetAsync($"/api/auth/users/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_key_set_publishes_only_public_keys()
    {
        var json = await Client().GetStringAsync("/.well-known/jwks.json");
        var keys = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("keys");
        var key = Assert.Single(keys.EnumerateArray());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.False(key.TryGetProperty("d", out _));
        Assert.False(key.TryGetProperty("p", out _));
    }

    private RsaSecurityKey RealKey() => factory.Services.GetRequiredService<SigningKeyStore>().Current;

    private async Task<HttpClient> AdminClientAsync()
    {
        var tokens = await Client().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword);
        return Client().WithToken(tokens.AccessToken);
    }

    private static string CreateToken(Guid userId, SecurityKey key, string audience = "talentlink", DateTime? expires = null, DateTime? issuedAt = null)
    {
        var issued = issuedAt ?? DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "talentlink",
            Audience = audience,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = expires ?? DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            Subject = new ClaimsIdentity([new Claim("sub", userId.ToString()), new Claim("role", "candidate")]),
        });
    }
}

[Trait("Category", "integration")]
public sealed class SqliteAuthApiTests(SqliteAuthFactory factory) : AuthApiTests<SqliteAuthFactory>(factory);

[Trait("Category", "integration")]
public sealed class PostgresAuthApiTests(PostgresAuthFactory factory) : AuthApiTests<PostgresAuthFactory>(factory);

[Trait("Category", "integration")]
public sealed class AuthOpenApiTests(SqliteAuthFactory factory) : IClassFixture<SqliteAuthFactory>
{
    [Fact]
    public async Task The_openapi_document_states_schemas_auth_requirements_and_problem_responses()
    {
        var document = System.Text.Json.JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths");

        var signIn = paths.GetProperty("/api/auth/sign-in").GetProperty("post");
        Assert.True(signIn.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(signIn.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(signIn.GetProperty("responses").GetProperty("401").GetProperty("content").TryGetProperty("application/problem+json", out _));
        Assert.False(signIn.TryGetProperty("security", out _));

        var me = paths.GetProperty("/api/auth/me").GetProperty("get");
        Assert.True(me.GetProperty("security")[0].TryGetProperty("Bearer", out _));
        Assert.True(me.GetProperty("responses").TryGetProperty("401", out _));
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("TokenResponse", out _));
    }
}
