using TalentLink.Auth.Model;

namespace TalentLink.Tests.Auth;

/// <summary><c>GET /api/auth/users/statistics</c>: accounts per role, for admins (Reports aggregates it).</summary>
public abstract class UserStatisticsTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : AuthFactory
{
    [Fact]
    public async Task Admins_see_how_many_accounts_each_role_has()
    {
        var admin = factory.CreateClient().WithToken(
            (await factory.CreateClient().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword)).AccessToken);
        var before = (await admin.GetFromJsonAsync<UserStatisticsResponse>("/api/auth/users/statistics"))!.UsersByRole;

        await factory.CreateClient().NewUserAsync("recruiter");
        await factory.CreateClient().NewUserAsync("candidate");
        await factory.CreateClient().NewUserAsync("candidate");

        var after = (await admin.GetFromJsonAsync<UserStatisticsResponse>("/api/auth/users/statistics"))!.UsersByRole;
        Assert.Equal(before["candidate"] + 2, after["candidate"]);
        Assert.Equal(before["recruiter"] + 1, after["recruiter"]);
        Assert.True(after["admin"] >= 1);
    }

    [Fact]
    public async Task User_statistics_are_forbidden_to_non_admins()
    {
        var recruiter = await factory.CreateClient().NewUserAsync("recruiter");
        await (await factory.CreateClient().WithToken(recruiter.AccessToken).GetAsync("/api/auth/users/statistics"))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}

[Trait("Category", "integration")]
public sealed class SqliteUserStatisticsTests(SqliteAuthFactory factory) : UserStatisticsTests<SqliteAuthFactory>(factory);

[Trait("Category", "integration")]
public sealed class PostgresUserStatisticsTests(PostgresAuthFactory factory) : UserStatisticsTests<PostgresAuthFactory>(factory);
