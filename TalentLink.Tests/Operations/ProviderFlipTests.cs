using Microsoft.Extensions.Logging.Abstractions;
using TalentLink.Auth.Model;
using TalentLink.Data;
using TalentLink.Operations.Catalog;
using TalentLink.Operations.Migration;

namespace TalentLink.Tests.Operations;

/// <summary>After migrating, flipping Database:Provider to Postgres serves the SQLite-era data through the APIs.</summary>
[Trait("Category", "integration")]
public sealed class ProviderFlipTests
{
    [Fact]
    public void Every_service_context_is_found_by_its_attribute_and_flavours()
    {
        var services = ServiceContexts.FromAssemblies([typeof(AuthServices).Assembly, typeof(ProviderFlipTests).Assembly]);

        Assert.Contains(services, s => s is { DatabaseName: ResourceNames.AuthDb, SqliteContext.Name: "SqliteAuthContext", PostgresContext.Name: "PostgresAuthContext" });
        Assert.Contains(services, s => s is { DatabaseName: "samplesdb", SqliteFileName: "samples.db" });
    }

    [Fact]
    public async Task Accounts_created_on_sqlite_sign_in_on_postgres_after_migrating()
    {
        await using var sqlite = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ResourceNames.AuthDb);
        await using var postgres = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, ResourceNames.AuthDb);

        // Before: the platform runs on SQLite; a recruiter registers and signs in (a refresh token is stored).
        string email;
        UserResponse user;
        await using (var onSqlite = new AuthFactory(DatabaseProvider.Sqlite) { ExistingDatabase = sqlite })
        {
            await onSqlite.InitializeAsync();
            var client = onSqlite.CreateClient();
            email = AuthClient.NewEmail("flip");
            user = await client.RegisterAsync(email, "recruiter");
            await client.SignInAsync(email);
        }

        var auth = ServiceContexts.FromAssemblies([typeof(AuthServices).Assembly]).Single(s => s.DatabaseName == ResourceNames.AuthDb);
        var migration = await new SqliteToPostgresMigrator(NullLogger<SqliteToPostgresMigrator>.Instance)
            .MigrateAsync(auth, SqliteFiles.PathOf(sqlite.ConnectionString)!, postgres.ConnectionString, replace: false);
        Assert.True(migration.Matches);
        Assert.Contains(migration.Tables, t => t is { Table: "users", TargetRows: >= 2 }); // the bootstrap admin and the recruiter

        // After the flip: the same account signs in with the same password and is the same user.
        await using var onPostgres = new AuthFactory(DatabaseProvider.Postgres) { ExistingDatabase = postgres };
        await onPostgres.InitializeAsync();
        var pgClient = onPostgres.CreateClient();
        var tokens = await pgClient.SignInAsync(email);
        var me = await pgClient.WithToken(tokens.AccessToken).GetFromJsonAsync<UserResponse>("/api/auth/me");
        Assert.Equal(user.Id, me!.Id);
        Assert.Equal(email, me.Email);
        Assert.Equal("recruiter", me.Role);

        // New accounts insert next to the migrated ones.
        var adminTokens = await onPostgres.CreateClient().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword);
        Assert.False(string.IsNullOrEmpty(adminTokens.AccessToken));
        await onPostgres.CreateClient().NewUserAsync("candidate");
    }
}
