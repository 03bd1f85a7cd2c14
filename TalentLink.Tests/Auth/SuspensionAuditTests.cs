using TalentLink.Auth.Model;
using TalentLink.Tests.Audit;

namespace TalentLink.Tests.Auth;

/// <summary>Suspensions are on the audit trail, or do not happen; both providers.</summary>
public abstract class SuspensionAuditTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : AuthFactory
{
    [Fact]
    public async Task Suspending_and_unsuspending_a_user_are_recorded_with_the_admin_as_actor()
    {
        var user = await factory.CreateClient().NewUserAsync(Roles.Candidate);
        var admin = await AdminAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/auth/users/{user.User.Id}/suspend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/auth/users/{user.User.Id}/unsuspend", null)).StatusCode);

        var entries = await factory.AuditEntriesAsync($"subject={user.User.Id}");
        Assert.Equal([AuditActions.UserUnsuspended, AuditActions.UserSuspended], entries.Items.Select(e => e.Action));
        Assert.All(entries.Items, e =>
        {
            Assert.Equal(admin.Id, e.ActorId);
            Assert.Equal(Roles.Admin, e.ActorRole);
            Assert.Equal((AuditTargets.User, user.User.Id.ToString()), (e.TargetType, e.TargetId));
        });
    }

    [Fact]
    public async Task When_the_audit_trail_is_down_a_suspension_is_refused_and_the_user_can_still_sign_in()
    {
        var email = AuthClient.NewEmail();
        var user = await factory.CreateClient().RegisterAsync(email, Roles.Candidate);
        var admin = await AdminAsync();

        HttpResponseMessage response;
        using (factory.Audit.TakeDown())
        {
            response = await admin.Client.PostAsync($"/api/auth/users/{user.Id}/suspend", null);
        }

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("audit", problem.GetProperty("service").GetString());
        await factory.CreateClient().SignInAsync(email);
        Assert.Empty((await factory.AuditEntriesAsync($"subject={user.Id}")).Items);
    }

    private async Task<(Guid Id, HttpClient Client)> AdminAsync()
    {
        var tokens = await factory.CreateClient().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword);
        return (tokens.User.Id, factory.CreateClient().WithToken(tokens.AccessToken));
    }
}

[Trait("Category", "integration")]
public sealed class SqliteSuspensionAuditTests(SqliteAuthFactory factory) : SuspensionAuditTests<SqliteAuthFactory>(factory);

[Trait("Category", "integration")]
public sealed class PostgresSuspensionAuditTests(PostgresAuthFactory factory) : SuspensionAuditTests<PostgresAuthFactory>(factory);
