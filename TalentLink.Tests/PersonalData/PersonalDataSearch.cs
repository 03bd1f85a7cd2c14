using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using TalentLink.AppHost;
using TalentLink.Data;

namespace TalentLink.Tests.PersonalData;

/// <summary>
/// Looks for strings everywhere the AppHost keeps data: every row of every table of every relational
/// database (SQLite files or PostgreSQL databases; the embedded message store is one of them) and
/// every file of the uploads folder. Returns where each string was found.
/// </summary>
public static class PersonalDataSearch
{
    public static async Task<IReadOnlyList<string>> FindAsync(AppHostFixture fixture, IReadOnlyCollection<string> needles)
    {
        var hits = new List<string>();
        foreach (var database in ResourceNames.RelationalDatabases)
        {
            var rows = fixture is PostgresAppHostFixture
                ? PostgresRowsAsync(fixture.PostgresDatabaseName(database))
                : SqliteRowsAsync(Path.Combine(fixture.DataDirectory, SqliteFiles.FileNameFor(database)));
            await foreach (var (table, row) in rows)
            {
                hits.AddRange(needles.Where(n => row.Contains(n, StringComparison.OrdinalIgnoreCase)).Select(n => $"{database}.{table}: {n}"));
            }
        }

        var uploads = Path.Combine(fixture.DataDirectory, "uploads");
        foreach (var file in Directory.Exists(uploads) ? Directory.EnumerateFiles(uploads, "*", SearchOption.AllDirectories) : [])
        {
            var content = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
            hits.AddRange(needles.Where(n => content.Contains(n, StringComparison.OrdinalIgnoreCase)).Select(n => $"uploads/{Path.GetFileName(file)}: {n}"));
        }

        return hits;
    }

    private static async IAsyncEnumerable<(string Table, string Row)> SqliteRowsAsync(string file)
    {
        if (!File.Exists(file))
        {
            yield break;
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new SqliteCommand("SELECT name FROM sqlite_master WHERE type = 'table'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var select = new SqliteCommand($"SELECT * FROM \"{table}\"", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Append(reader.GetValue(i) switch { byte[] bytes => Encoding.Latin1.GetString(bytes), var value => value.ToString() }).Append('|');
                }

                yield return (table, row.ToString());
            }
        }
    }

    private static async IAsyncEnumerable<(string Table, string Row)> PostgresRowsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Database = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT t::text FROM {table} AS t", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                yield return (table, reader.GetString(0));
            }
        }
    }
}
