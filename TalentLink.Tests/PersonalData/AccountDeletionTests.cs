using TalentLink.Tests.Audit;
using TalentLink.Auth.Model;

namespace TalentLink.Tests.PersonalData;

/// <summary>Account deletion in Auth (no other service listed, so a deletion completes at once); once per provider.</summary>
public abstract class AccountDeletionTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : AuthFactory
{
    [Fact]
    public async Task Deleting_your_own_account_needs_your_current_password()
    {
        var client = factory.CreateClient();
        var email = AuthClient.NewEmail();
        await client.RegisterAsync(email, Roles.Candidate);
        client.WithToken((await client.SignInAsync(email)).AccessToken);

        await (await client.SendAsync(DeleteOwnAccount("Wrong-Password-99"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        var missing = await client.SendAsync(DeleteOwnAccount(null));
        var problem = await missing.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
        await factory.CreateClient().SignInAsync(email);
    }

    [Fact]
    public async Task A_deleted_account_cannot_sign_in_and_its_tokens_stop_working_at_once()
    {
        var client = factory.CreateClient();
        var email = AuthClient.NewEmail();
        await client.RegisterAsync(email, Roles.Recruiter);
        var tokens = await client.SignInAsync(email);
        client.WithToken(tokens.AccessToken);

        var deleted = await client.SendAsync(DeleteOwnAccount(AuthClient.Password));
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Equal(DeletionResponse.Completed, (await deleted.Content.ReadFromJsonAsync<DeletionResponse>())!.Status);

        // Auth applies the revocation to itself as every service does: the token is refused outright.
        await (await client.GetAsync("/api/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { tokens.RefreshToken })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await factory.CreateClient().PostAsJsonAsync("/api/auth/sign-in", new { email, password = AuthClient.Password })).AssertProblemAsync(HttpStatusCode.Unauthorized);

        // The address is free again: nothing of the old account remains to collide with.
        await factory.CreateClient().RegisterAsync(email, Roles.Candidate);
    }

    [Fact]
    public async Task Deleting_someone_else_without_the_admin_role_is_forbidden()
    {
        var victim = await factory.CreateClient().NewUserAsync(Roles.Candidate);
        var attacker = factory.CreateClient().WithToken((await factory.CreateClient().NewUserAsync(Roles.Recruiter)).AccessToken);

        await (await attacker.DeleteAsync($"/api/auth/users/{victim.User.Id}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await attacker.GetAsync($"/api/auth/deletions/{victim.User.Id}")).AssertProblemAsync(HttpStatusCode.Forbidden);

        var me = factory.CreateClient().WithToken(victim.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task An_admin_deletes_an_account_and_sees_the_deletion_by_the_user_id()
    {
        var admin = await AdminAsync();
        var user = await factory.CreateClient().NewUserAsync(Roles.Candidate);

        var deleted = await admin.DeleteAsync($"/api/auth/users/{user.User.Id}");
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Equal($"/api/auth/deletions/{user.User.Id}", deleted.Headers.Location?.OriginalString);

        var deletion = await admin.GetFromJsonAsync<DeletionResponse>($"/api/auth/deletions/{user.User.Id}");
        Assert.Equal(DeletionReasons.Admin, deletion!.Reason);
        Assert.Equal(DeletionResponse.Completed, deletion.Status);
        var page = await admin.GetFromJsonAsync<PagedResult<DeletionResponse>>("/api/auth/deletions?pageSize=100");
        Assert.Contains(page!.Items, d => d.Id == deletion.Id);

        await (await admin.GetAsync($"/api/auth/users/{user.User.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/api/auth/users/{user.User.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);

        // The deletion by an admin is on the audit trail, against the deleted account.
        var trail = await factory.AuditEntriesAsync($"subject={user.User.Id}&action={AuditActions.UserDeleted}");
        Assert.Single(trail.Items);
    }

    [Fact]
    public async Task An_admin_cannot_delete_their_own_account()
    {
        var admin = await AdminAsync();
        var me = await admin.GetFromJsonAsync<UserResponse>("/api/auth/me");

        await (await admin.DeleteAsync($"/api/auth/users/{me!.Id}")).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.SendAsync(DeleteOwnAccount(AuthFactory.AdminPassword))).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_deletion_nobody_asked_for_is_not_found()
    {
        var admin = await AdminAsync();
        await (await admin.GetAsync($"/api/auth/deletions/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_revocation_feed_publishes_a_suspension_that_only_key_holders_can_match_to_a_user()
    {
        var admin = await AdminAsync();
        var user = await factory.CreateClient().NewUserAsync(Roles.Candidate);
        var before = await factory.CreateClient().GetFromJsonAsync<List<TokenRevocation>>("/api/auth/revocations");
        var last = before!.Count == 0 ? 0 : before.Max(r => r.Id);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/auth/users/{user.User.Id}/suspend", null)).StatusCode);

        // Keyed with the services' shared secret: someone who knows the user id cannot recompute the entry.
        var body = await factory.CreateClient().GetStringAsync($"/api/auth/revocations?after={last}");
        Assert.Contains(TokenRevocation.HashForFeed(user.User.Id.ToString(), AuthFactory.RevocationKey), body);
        Assert.DoesNotContain(TokenRevocation.HashSubject(user.User.Id.ToString()), body);
        Assert.DoesNotContain(user.User.Id.ToString(), body);
        await (await factory.CreateClient().GetAsync("/api/auth/revocations?after=-1")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private async Task<HttpClient> AdminAsync() =>
        factory.CreateClient().WithToken((await factory.CreateClient().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword)).AccessToken);

    private static HttpRequestMessage DeleteOwnAccount(string? password) =>
        new(HttpMethod.Delete, "/api/auth/account") { Content = JsonContent.Create(new { password }) };
}

[Trait("Category", "integration")]
public sealed class SqliteAccountDeletionTests(SqliteAuthFactory factory) : AccountDeletionTests<SqliteAuthFactory>(factory);

[Trait("Category", "integration")]
public sealed class PostgresAccountDeletionTests(PostgresAuthFactory factory) : AccountDeletionTests<PostgresAuthFactory>(factory);
