using TalentLink.Auth.Model;
using TalentLink.Data;

namespace TalentLink.Tests.Auth;

[Trait("Category", "integration")]
public sealed class AuthLifecycleTests
{
    [Fact]
    public async Task Access_tokens_stay_valid_across_a_restart_because_the_signing_key_is_persisted()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ResourceNames.AuthDb);
        TokenResponse tokens;
        await using (var first = new AuthFactory(DatabaseProvider.Sqlite) { ExistingDatabase = database })
        {
            await first.InitializeAsync();
            tokens = await first.CreateClient().NewUserAsync("candidate");
            await first.DisposeAsync();
        }

        await using var second = new AuthFactory(DatabaseProvider.Sqlite) { ExistingDatabase = database };
        await second.InitializeAsync();
        var me = await second.CreateClient().WithToken(tokens.AccessToken).GetFromJsonAsync<UserResponse>("/api/auth/me");
        Assert.Equal(tokens.User.Id, me!.Id);
        await second.DisposeAsync();
    }

    [Fact]
    public async Task Sign_in_is_rate_limited_per_client()
    {
        await using var factory = new AuthFactory(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Auth:SignInRateLimit:PermitLimit"] = "3" });
        await factory.InitializeAsync();
        var client = factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            var allowed = await client.PostAsJsonAsync("/api/auth/sign-in", new { email = "nobody@example.com", password = "Whatever-123" });
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }

        var limited = await client.PostAsJsonAsync("/api/auth/sign-in", new { email = "nobody@example.com", password = "Whatever-123" });
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter is not null);
        await factory.DisposeAsync();
    }

    [Fact]
    public async Task A_second_writer_on_the_same_sqlite_file_refuses_to_start()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ResourceNames.AuthDb);
        using var first = new SqliteWriterLock(database.ConnectionString);
        await first.StartAsync(CancellationToken.None);

        using var second = new SqliteWriterLock(database.ConnectionString);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => second.StartAsync(CancellationToken.None));
        Assert.Contains("exactly one replica", error.Message);

        // Once the first writer stops, the file is free again.
        await first.StopAsync(CancellationToken.None);
        await second.StartAsync(CancellationToken.None);
    }
}
