using Microsoft.Extensions.DependencyInjection;
using TalentLink.Auth.Infrastructure;
using TalentLink.Auth.Model;
using TalentLink.Auth.Services;

namespace TalentLink.Tests.PersonalData;

/// <summary>The inactive-account rule in Auth: warned first, deleted after the grace period, counts only; once per provider.</summary>
public abstract class InactiveAccountRetentionTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : AuthFactory
{
    [Fact]
    public async Task An_account_inactive_for_36_months_is_warned_then_deleted_after_the_grace_period()
    {
        var user = await factory.CreateClient().NewUserAsync(Roles.Candidate);
        var admin = factory.CreateClient().WithToken((await factory.CreateClient().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword)).AccessToken);
        await SetAsync(user.User.Id, lastActive: DateTimeOffset.UtcNow.AddMonths(-37), warned: null);

        var plan = await admin.GetFromJsonAsync<InactiveAccountsPlan>("/api/auth/retention/inactive-accounts");
        Assert.True(plan!.ToWarn >= 1);
        await RunAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/auth/users/{user.User.Id}")).StatusCode);

        await SetAsync(user.User.Id, lastActive: DateTimeOffset.UtcNow.AddMonths(-38), warned: DateTimeOffset.UtcNow.AddDays(-31));
        Assert.True((await admin.GetFromJsonAsync<InactiveAccountsPlan>("/api/auth/retention/inactive-accounts"))!.ToDelete >= 1);
        await RunAsync();

        await (await admin.GetAsync($"/api/auth/users/{user.User.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(DeletionReasons.Inactivity, (await admin.GetFromJsonAsync<DeletionResponse>($"/api/auth/deletions/{user.User.Id}"))!.Reason);
    }

    [Fact]
    public async Task Signing_in_clears_the_warning_and_the_dry_run_is_for_admins_only()
    {
        var email = AuthClient.NewEmail();
        var registered = await factory.CreateClient().RegisterAsync(email, Roles.Recruiter);
        await SetAsync(registered.Id, lastActive: DateTimeOffset.UtcNow.AddMonths(-40), warned: DateTimeOffset.UtcNow.AddDays(-10));

        var tokens = await factory.CreateClient().SignInAsync(email);
        await using var scope = factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<AuthContext>().Users.FindAsync(registered.Id);
        Assert.Null(user!.InactivityWarnedAt);

        var plain = factory.CreateClient().WithToken(tokens.AccessToken);
        await (await plain.GetAsync("/api/auth/retention/inactive-accounts")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    private async Task RunAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InactiveAccountRetention>().ApplyAsync(default);
    }

    private async Task SetAsync(Guid userId, DateTimeOffset lastActive, DateTimeOffset? warned)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AuthContext>();
        var user = await context.Users.FindAsync(userId);
        user!.LastActiveAt = lastActive;
        user.InactivityWarnedAt = warned;
        await context.SaveChangesAsync();
    }
}

[Trait("Category", "integration")]
public sealed class SqliteInactiveAccountRetentionTests(SqliteAuthFactory factory) : InactiveAccountRetentionTests<SqliteAuthFactory>(factory);

[Trait("Category", "integration")]
public sealed class PostgresInactiveAccountRetentionTests(PostgresAuthFactory factory) : InactiveAccountRetentionTests<PostgresAuthFactory>(factory);
