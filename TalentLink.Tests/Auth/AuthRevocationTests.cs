using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentLink.Auth.Infrastructure;
using TalentLink.Auth.Model;
using TalentLink.Data;

namespace TalentLink.Tests.Auth;

/// <summary>
/// Auth applies the revocation rule to its own endpoints, as every service does, and every way a
/// session ends (sign-out, password change, a stolen refresh token, its absolute lifetime) ends it
/// for access tokens too. Once per provider.
/// </summary>
public abstract class AuthRevocationTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : AuthFactory
{
    private HttpClient Client() => factory.CreateClient();

    [Fact]
    public async Task A_suspended_or_deleted_admin_is_refused_by_the_admin_endpoints_at_once()
    {
        var admin = await AdminAsync();
        var suspended = await SecondAdminAsync();
        var deleted = await SecondAdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await suspended.Client.GetAsync("/api/auth/users")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/auth/users/{suspended.Id}/suspend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.DeleteAsync($"/api/auth/users/{deleted.Id}")).StatusCode);

        foreach (var gone in new[] { suspended, deleted })
        {
            await (await gone.Client.GetAsync("/api/auth/users")).AssertProblemAsync(HttpStatusCode.Unauthorized);
            await (await gone.Client.PostAsync($"/api/auth/users/{Guid.NewGuid()}/suspend", null)).AssertProblemAsync(HttpStatusCode.Unauthorized);
            await (await gone.Client.GetAsync("/api/auth/deletions")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task A_suspended_user_can_neither_request_an_export_nor_delete_the_account_under_moderation()
    {
        var user = await Client().NewUserAsync(Roles.Candidate);
        var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/auth/users/{user.User.Id}/suspend", null)).StatusCode);

        var client = Client().WithToken(user.AccessToken);
        await (await client.PostAsync("/api/auth/exports", null)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/auth/account") { Content = JsonContent.Create(new { password = AuthClient.Password }) };
        await (await client.SendAsync(delete)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        await using var scope = factory.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AuthContext>();
        Assert.True(await context.Users.AnyAsync(u => u.Id == user.User.Id && u.SuspendedAt != null));
        Assert.False(await context.DataExports.AnyAsync(e => e.UserId == user.User.Id));
    }

    [Fact]
    public async Task Signing_out_everywhere_stops_the_access_tokens_of_every_session_and_a_new_sign_in_works_at_once()
    {
        var email = AuthClient.NewEmail();
        await Client().RegisterAsync(email, Roles.Recruiter);
        var phone = await Client().SignInAsync(email);
        var laptop = await Client().SignInAsync(email);

        Assert.Equal(HttpStatusCode.NoContent, (await Client().WithToken(phone.AccessToken).PostAsJsonAsync("/api/auth/sign-out", new { })).StatusCode);

        await (await Client().WithToken(phone.AccessToken).GetAsync("/api/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await Client().WithToken(laptop.AccessToken).GetAsync("/api/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var again = await Client().SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await Client().WithToken(again.AccessToken).GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_one_session_stops_its_access_tokens_and_leaves_the_others()
    {
        var email = AuthClient.NewEmail();
        await Client().RegisterAsync(email, Roles.Candidate);
        var phone = await Client().SignInAsync(email);
        var laptop = await Client().SignInAsync(email);

        var signOut = await Client().WithToken(phone.AccessToken).PostAsJsonAsync("/api/auth/sign-out", new { refreshToken = phone.RefreshToken });
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);

        await (await Client().WithToken(phone.AccessToken).GetAsync("/api/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await Client().WithToken(laptop.AccessToken).GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Reusing_a_spent_refresh_token_ends_that_session_access_tokens_included_but_not_the_users_other_sessions()
    {
        var email = AuthClient.NewEmail();
        await Client().RegisterAsync(email, Roles.Candidate);
        var stolen = await Client().SignInAsync(email);
        var other = await Client().SignInAsync(email);
        var rotated = await (await Refresh(stolen.RefreshToken)).Content.ReadFromJsonAsync<TokenResponse>();

        await (await Refresh(stolen.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        await (await Client().WithToken(stolen.AccessToken).GetAsync("/api/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await Client().WithToken(rotated!.AccessToken).GetAsync("/api/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await Refresh(rotated.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await Client().WithToken(other.AccessToken).GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_session_ends_thirty_days_after_sign_in_however_often_its_token_is_rotated()
    {
        var signedIn = DateTimeOffset.UtcNow;
        var first = await Client().NewUserAsync(Roles.Candidate);
        var second = await (await Refresh(first.RefreshToken)).Content.ReadFromJsonAsync<TokenResponse>();

        await using var scope = factory.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AuthContext>();
        var family = await context.RefreshTokens.AsNoTracking().Where(t => t.UserId == first.User.Id).ToListAsync();
        Assert.Equal(2, family.Count);
        var end = Assert.Single(family.Select(t => t.SessionExpiresAt).Distinct());
        Assert.InRange(end - signedIn, TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        Assert.All(family, t => Assert.True(t.ExpiresAt <= t.SessionExpiresAt));

        // Thirty days on (the session's end moved into the past): the live successor no longer refreshes.
        await context.RefreshTokens.Where(t => t.UserId == first.User.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.SessionExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        var ended = await (await Refresh(second!.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("sign in again", ended.GetProperty("detail").GetString());
    }

    private Task<HttpResponseMessage> Refresh(string refreshToken) => Client().PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    private async Task<HttpClient> AdminAsync() =>
        Client().WithToken((await Client().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword)).AccessToken);

    /// <summary>Another admin (admins never self-register: a user promoted in the database), signed in.</summary>
    private async Task<(Guid Id, HttpClient Client)> SecondAdminAsync()
    {
        var email = AuthClient.NewEmail("admin");
        var user = await Client().RegisterAsync(email, Roles.Recruiter);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuthContext>().Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, Roles.Admin));
        }

        return (user.Id, Client().WithToken((await Client().SignInAsync(email)).AccessToken));
    }
}

[Trait("Category", "integration")]
public sealed class SqliteAuthRevocationTests(SqliteAuthFactory factory) : AuthRevocationTests<SqliteAuthFactory>(factory);

[Trait("Category", "integration")]
public sealed class PostgresAuthRevocationTests(PostgresAuthFactory factory) : AuthRevocationTests<PostgresAuthFactory>(factory);

/// <summary>The revocation key is checked when a service starts.</summary>
[Trait("Category", "integration")]
public sealed class RevocationKeyTests
{
    [Theory]
    [InlineData("", IdentitySettings.MissingRevocationKeyMessage)]
    [InlineData("too-short-a-key", IdentitySettings.ShortRevocationKeyMessage)]
    public async Task A_service_does_not_start_without_a_revocation_key_of_32_characters_and_says_which_setting(string key, string expected)
    {
        await using var auth = new AuthFactory(DatabaseProvider.Sqlite, new Dictionary<string, string?> { [IdentitySettings.RevocationKeySetting] = key });

        var error = await Assert.ThrowsAnyAsync<Exception>(auth.InitializeAsync);

        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        Assert.Contains(messages, m => m.Contains(expected, StringComparison.Ordinal));
    }
}
