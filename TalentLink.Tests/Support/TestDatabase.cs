using Microsoft.Data.Sqlite;
using Npgsql;
using TalentLink.Data;

namespace TalentLink.Tests.Support;

/// <summary>
/// A throw-away database on one provider: a SQLite file in a temporary folder, or a fresh database
/// on the PostgreSQL server named by <c>TALENTLINK_TEST_POSTGRES</c> (default: local server as set
/// up by .ci/run). Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresEnvironmentVariable = "TALENTLINK_TEST_POSTGRES";
    private const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    private readonly string? _directory;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? directory, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _directory = directory;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable(PostgresEnvironmentVariable) is { Length: > 0 } value ? value : DefaultPostgres;

    /// <summary>An existing SQLite file (a restored one), left in place when disposed.</summary>
    public static TestDatabase ExistingSqlite(string path) => new(DatabaseProvider.Sqlite, $"Data Source={path}", null, null);

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, string name)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var directory = Directory.CreateTempSubdirectory("talentlink-test-").FullName;
            return new TestDatabase(provider, $"Data Source={Path.Combine(directory, name + ".db")}", directory, null);
        }

        var database = $"tl_{name}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database };
        await Task.CompletedTask;
        return new TestDatabase(provider, builder.ConnectionString, null, database);
    }

    public async ValueTask DisposeAsync()
    {
        if (_directory is not null)
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
