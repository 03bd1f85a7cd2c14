using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TalentLink.Data;
using TalentLink.Operations.Catalog;
using TalentLink.Operations.Migration;
using TalentLink.Tests.Operations.Sample;

namespace TalentLink.Tests.Operations;

[Trait("Category", "integration")]
public sealed class SqliteToPostgresMigrationTests : IAsyncLifetime
{
    private readonly SqliteToPostgresMigrator _migrator = new(NullLogger<SqliteToPostgresMigrator>.Instance);
    private TestDatabase _sqlite = null!;
    private TestDatabase _postgres = null!;

    private string SqlitePath => SqliteFiles.PathOf(_sqlite.ConnectionString)!;

    public async Task InitializeAsync()
    {
        _sqlite = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, "samplesdb");
        _postgres = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, "samplesdb");
        await MigrationTestData.SeedAsync(SqlitePath, companies: 30, offersPerCompany: 40);
    }

    [Fact]
    public async Task Every_row_arrives_and_counts_and_checksums_match()
    {
        var result = await _migrator.MigrateAsync(MigrationTestData.Sample, SqlitePath, _postgres.ConnectionString, replace: false);

        Assert.True(result.Matches);
        Assert.Equal(["companies", "offers"], result.Tables.Select(t => t.Table)); // principal before dependent
        Assert.Equal(30, result.Tables[0].TargetRows);
        Assert.Equal(1_200, result.Tables[1].TargetRows);

        await using var sqlite = (SampleContext)MigrationTestData.Sample.CreateSqlite(_sqlite.ConnectionString);
        await using var postgres = (SampleContext)MigrationTestData.Sample.CreatePostgres(_postgres.ConnectionString);
        var expected = await sqlite.Offers.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
        var actual = await postgres.Offers.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal((e.Id, e.CompanyId, e.PublicId, e.Title, e.Description, e.Status, e.SalaryCents), (a.Id, a.CompanyId, a.PublicId, a.Title, a.Description, a.Status, a.SalaryCents));
            Assert.Equal(e.PostedAt, a.PostedAt); // same instant, microsecond precision kept
            Assert.Equal(e.ClosedAt, a.ClosedAt);
            Assert.Equal(e.Attachment, a.Attachment);
        }

        var companies = await postgres.Companies.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        var sourceCompanies = await sqlite.Companies.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(sourceCompanies.Select(c => (c.Name, c.Rating, c.Verified, c.FoundedAt)), companies.Select(c => (c.Name, c.Rating, c.Verified, c.FoundedAt)));
    }

    [Fact]
    public async Task The_migrated_schema_is_the_one_the_postgres_migrations_create()
    {
        await _migrator.MigrateAsync(MigrationTestData.Sample, SqlitePath, _postgres.ConnectionString, replace: false);

        await using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(("timestamp with time zone", "NO"), await ColumnAsync(connection, "offers", "PostedAt"));
        Assert.Equal(("timestamp with time zone", "YES"), await ColumnAsync(connection, "offers", "ClosedAt"));
        Assert.Equal(("double precision", "NO"), await ColumnAsync(connection, "companies", "Rating"));
        Assert.Equal(("uuid", "NO"), await ColumnAsync(connection, "offers", "PublicId"));
        Assert.Equal(("character varying", "NO"), await ColumnAsync(connection, "companies", "Name"));
        Assert.Equal(("boolean", "NO"), await ColumnAsync(connection, "companies", "Verified"));
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM pg_constraint WHERE conname = 'FK_offers_companies_CompanyId'"));
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'IX_companies_Name' AND indexdef LIKE 'CREATE UNIQUE INDEX%'"));

        // Identity sequences were moved past the highest id: new rows insert.
        await using var postgres = (SampleContext)MigrationTestData.Sample.CreatePostgres(_postgres.ConnectionString);
        var company = new SampleCompany { Name = "Inserted after migration", FoundedAt = DateTimeOffset.UtcNow };
        postgres.Companies.Add(company);
        await postgres.SaveChangesAsync();
        Assert.Equal(31, company.Id);
        var offer = new SampleOffer { CompanyId = company.Id, Title = "New", PostedAt = DateTimeOffset.UtcNow };
        postgres.Offers.Add(offer);
        await postgres.SaveChangesAsync();
        Assert.Equal(1_201L, offer.Id);

        // Constraints hold: a dangling foreign key is rejected.
        await using var dangling = new NpgsqlCommand("INSERT INTO offers (\"CompanyId\", \"PublicId\", \"Title\", \"Status\", \"PostedAt\") VALUES (9999, gen_random_uuid(), 'x', 0, now())", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => dangling.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
    }

    [Fact]
    public async Task A_target_with_rows_is_refused_unless_replacing_it()
    {
        await _migrator.MigrateAsync(MigrationTestData.Sample, SqlitePath, _postgres.ConnectionString, replace: false);

        var refused = await Assert.ThrowsAsync<TargetNotEmptyException>(() =>
            _migrator.MigrateAsync(MigrationTestData.Sample, SqlitePath, _postgres.ConnectionString, replace: false));
        Assert.Contains("--replace", refused.Message);

        var again = await _migrator.MigrateAsync(MigrationTestData.Sample, SqlitePath, _postgres.ConnectionString, replace: true);
        Assert.True(again.Matches);
        Assert.Equal(1_200, again.Tables[1].TargetRows);
    }

    [Fact]
    public async Task A_run_that_failed_half_way_leaves_an_empty_target_and_can_be_run_again()
    {
        // A row the target's constraints reject (SQLite let it in with foreign keys off) makes the copy fail.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(_sqlite.ConnectionString))
        {
            await connection.OpenAsync();
            await using var orphan = connection.CreateCommand();
            orphan.CommandText = "PRAGMA foreign_keys=OFF; INSERT INTO offers (CompanyId, PublicId, Title, Status, PostedAt) VALUES (4242, 'C56A4180-65AA-42EC-A945-5FD21DEC0538', 'orphan', 0, '2025-01-01T00:00:00.0000000Z')";
            await orphan.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAsync<PostgresException>(() => _migrator.MigrateAsync(MigrationTestData.Sample, SqlitePath, _postgres.ConnectionString, replace: false));

        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(_sqlite.ConnectionString))
        {
            await connection.OpenAsync();
            await using var fix = connection.CreateCommand();
            fix.CommandText = "DELETE FROM offers WHERE CompanyId = 4242";
            await fix.ExecuteNonQueryAsync();
        }

        var result = await _migrator.MigrateAsync(MigrationTestData.Sample, SqlitePath, _postgres.ConnectionString, replace: false);
        Assert.True(result.Matches);
    }

    [Fact]
    public async Task A_run_that_was_killed_half_way_is_started_afresh_by_the_next_run()
    {
        await _migrator.MigrateAsync(MigrationTestData.Sample, SqlitePath, _postgres.ConnectionString, replace: false);

        // What a killed run leaves behind: committed tables and its in-progress marker.
        await using (var connection = new NpgsqlConnection(_postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await using var marker = new NpgsqlCommand($"CREATE TABLE \"{SqliteToPostgresMigrator.InProgressMarker}\" ()", connection);
            await marker.ExecuteNonQueryAsync();
        }

        var result = await _migrator.MigrateAsync(MigrationTestData.Sample, SqlitePath, _postgres.ConnectionString, replace: false);

        Assert.True(result.Matches);
        Assert.Equal(1_200, result.Tables[1].TargetRows);
        await using var check = new NpgsqlConnection(_postgres.ConnectionString);
        await check.OpenAsync();
        await using var exists = new NpgsqlCommand($"SELECT to_regclass('\"{SqliteToPostgresMigrator.InProgressMarker}\"') IS NULL", check);
        Assert.True((bool)(await exists.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task With_one_database_each_service_gets_its_own_schema()
    {
        var server = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString);
        var target = new PostgresTarget(TestDatabase.PostgresServer, PostgresLayout.SchemaPerService, server.Database!);

        var result = await _migrator.MigrateAsync(MigrationTestData.Sample, SqlitePath, target, replace: false);

        Assert.True(result.Matches);
        await using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(1_200L, await ScalarAsync(connection, "SELECT COUNT(*) FROM samplesdb.offers"));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    private static async Task<(string Type, string Nullable)> ColumnAsync(NpgsqlConnection connection, string table, string column)
    {
        await using var command = new NpgsqlCommand(
            "SELECT data_type, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table AND column_name = @column", connection);
        command.Parameters.AddWithValue("table", table);
        command.Parameters.AddWithValue("column", column);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"{table}.{column} exists");
        return (reader.GetString(0), reader.GetString(1));
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async Task DisposeAsync()
    {
        await _sqlite.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}
