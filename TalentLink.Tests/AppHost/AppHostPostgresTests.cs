using Npgsql;
using TalentLink.AppHost;
using TalentLink.Auth.Model;
using Xunit.Abstractions;

namespace TalentLink.Tests.AppHost;

[Collection(PostgresAppHostCollection.Name)]
[Trait("Category", "apphost")]
public sealed class AppHostPostgresTests(PostgresAppHostFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Flipping_the_provider_runs_auth_on_postgres_with_no_code_change()
    {
        output.WriteLine($"AppHost (PostgreSQL) healthy after {fixture.TimeToHealthy.TotalSeconds:F1} s");
        var client = fixture.CreateClient(ResourceNames.Auth);
        var email = AuthClient.NewEmail("e2e-pg");
        var user = await client.RegisterAsync(email, "recruiter");
        var tokens = await client.SignInAsync(email);
        Assert.Equal(user.Id, (await client.WithToken(tokens.AccessToken).GetFromJsonAsync<UserResponse>("/api/auth/me"))!.Id);

        // The account is in the per-service database the AppHost derived from ConnectionStrings:postgres.
        var builder = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Database = fixture.PostgresDatabaseName(ResourceNames.AuthDb) };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM users WHERE \"Email\" = @email", connection);
        command.Parameters.AddWithValue("email", email);
        Assert.Equal(1L, await command.ExecuteScalarAsync());

        Assert.False(File.Exists(Path.Combine(fixture.DataDirectory, "auth.db")));
    }
}
