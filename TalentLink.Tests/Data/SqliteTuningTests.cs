using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.Auth.Infrastructure;
using TalentLink.Data;

namespace TalentLink.Tests.Data;

[Trait("Category", "integration")]
public sealed class SqliteTuningTests(SqliteAuthFactory factory) : IClassFixture<SqliteAuthFactory>
{
    [Theory]
    [InlineData("journal_mode", "wal")]
    [InlineData("synchronous", "1")]
    [InlineData("cache_size", "-64000")]
    [InlineData("busy_timeout", "30000")]
    [InlineData("foreign_keys", "1")]
    [InlineData("journal_size_limit", "-1")]
    [InlineData("wal_autocheckpoint", "0")]
    [InlineData("secure_delete", "1")]
    public async Task Every_connection_the_service_opens_is_tuned(string pragma, string expected)
    {
        Assert.Equal(expected, await ReadPragmaAsync(pragma));
    }

    [Theory]
    [InlineData("synchronous", "1")]
    [InlineData("busy_timeout", "30000")]
    [InlineData("foreign_keys", "1")]
    public async Task A_connection_reused_from_the_pool_is_still_tuned(string pragma, string expected)
    {
        for (var reuse = 0; reuse < 5; reuse++)
        {
            Assert.Equal(expected, await ReadPragmaAsync(pragma));
        }
    }

    [Fact]
    public void Erased_text_is_gone_from_the_database_file_once_checkpointed()
    {
        var directory = Directory.CreateTempSubdirectory("talentlink-secure-delete-").FullName;
        var path = Path.Combine(directory, "erasure.db");
        var overwritten = $"overwritten-{Guid.NewGuid():N}";
        var deleted = $"deleted-{Guid.NewGuid():N}";
        try
        {
            using (var connection = SqliteTuning.OpenConnection($"Data Source={path};Pooling=False"))
            {
                Execute(connection, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
                Execute(connection, $"INSERT INTO notes (text) VALUES ('{overwritten}'), ('{deleted}'), ('kept')");
                Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
                Assert.Contains(overwritten, System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(path)));

                // As an account's erasure does: one text replaced by a shorter one, one row deleted.
                Execute(connection, $"UPDATE notes SET text = '[deleted]' WHERE text = '{overwritten}'");
                Execute(connection, $"DELETE FROM notes WHERE text = '{deleted}'");
                Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
            }

            var file = System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(path));
            Assert.Contains("kept", file);
            Assert.DoesNotContain(overwritten, file);
            Assert.DoesNotContain(deleted, file);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        static void Execute(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    private Task<string?> ReadPragmaAsync(string pragma) => ReadPragmaAsync(factory, pragma);

    internal static async Task<string?> ReadPragmaAsync(AuthFactory factory, string pragma)
    {
        using var scope = factory.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<AuthContext>();
        Assert.True(context.Database.IsSqlite());

        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {pragma};";
            return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }
}

[Trait("Category", "integration")]
public sealed class FullDurabilityTests(FullDurabilitySqliteAuthFactory factory) : IClassFixture<FullDurabilitySqliteAuthFactory>
{
    [Fact]
    public async Task With_full_durability_every_service_connection_flushes_the_log_at_each_commit()
    {
        for (var reuse = 0; reuse < 3; reuse++)
        {
            Assert.Equal("2", await SqliteTuningTests.ReadPragmaAsync(factory, "synchronous"));
        }
    }
}
