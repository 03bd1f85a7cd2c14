using Npgsql;
using TalentLink.Data;

namespace TalentLink.Tests.Operations;

/// <summary>Hosts that give only one PostgreSQL database: each service lives in its own schema.</summary>
[Trait("Category", "integration")]
public sealed class PostgresLayoutTests
{
    [Fact]
    public async Task A_service_given_a_search_path_creates_and_uses_its_own_schema_in_a_shared_database()
    {
        var shared = $"tl_shared_{Guid.NewGuid():N}"[..24];
        var connectionString = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Database = shared, SearchPath = ResourceNames.AuthDb }.ConnectionString;
        try
        {
            await using (var auth = new AuthFactory(DatabaseProvider.Postgres, new Dictionary<string, string?> { [$"ConnectionStrings:{ResourceNames.AuthDb}"] = connectionString }))
            {
                await auth.InitializeAsync();
                await auth.CreateClient().NewUserAsync("candidate");
            }

            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Database = shared }.ConnectionString);
            await connection.OpenAsync();
            await using var users = new NpgsqlCommand("SELECT COUNT(*) FROM authdb.users", connection);
            Assert.Equal(2L, await users.ExecuteScalarAsync()); // the bootstrap admin and the candidate
            await using var publicTables = new NpgsqlCommand("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'", connection);
            Assert.Equal(0L, await publicTables.ExecuteScalarAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var server = new NpgsqlConnection(TestDatabase.PostgresServer);
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{shared}\" WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
