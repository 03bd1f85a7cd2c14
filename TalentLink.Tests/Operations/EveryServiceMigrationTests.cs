using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using TalentLink.Data;
using TalentLink.Operations.Catalog;
using TalentLink.Operations.Migration;

namespace TalentLink.Tests.Operations;

/// <summary>
/// The migrator copes with every real service's schema (generated columns, SQLite-only search
/// tables, exclusion constraints...), not only with the sample: each service's freshly migrated
/// SQLite database moves to PostgreSQL and verifies.
/// </summary>
[Trait("Category", "integration")]
public sealed class EveryServiceMigrationTests
{
    public static TheoryData<string> Services()
    {
        var data = new TheoryData<string>();
        foreach (var service in ServiceContexts.Discover().Where(s => !s.DatabaseName.StartsWith("sample", StringComparison.Ordinal)))
        {
            data.Add(service.DatabaseName);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_services_sqlite_database_migrates_to_postgres_and_verifies(string databaseName)
    {
        var service = ServiceContexts.Discover().Single(s => s.DatabaseName == databaseName);
        await using var sqlite = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, databaseName);
        await using var postgres = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, databaseName);
        await using (var context = service.CreateSqlite(sqlite.ConnectionString))
        {
            await context.Database.MigrateAsync();
        }

        var result = await new SqliteToPostgresMigrator(NullLogger<SqliteToPostgresMigrator>.Instance)
            .MigrateAsync(service, SqliteFiles.PathOf(sqlite.ConnectionString)!, postgres.ConnectionString, replace: false);

        Assert.True(result.Matches);
        Assert.NotEmpty(result.Tables);
    }
}
