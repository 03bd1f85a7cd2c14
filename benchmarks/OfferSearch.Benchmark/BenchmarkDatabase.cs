using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TalentLink.Data;
using TalentLink.Offers.Infrastructure;

namespace TalentLink.Benchmarks.Search;

/// <summary>A throw-away Offers database on one provider, migrated with the service's own migrations.</summary>
public sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string? _sqliteDirectory;
    private readonly string? _postgresServer;
    private readonly string? _postgresDatabase;
    private bool _keep;

    private BenchmarkDatabase(DatabaseProvider provider, string connectionString, string? sqliteDirectory, string? postgresServer, string? postgresDatabase)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteDirectory = sqliteDirectory;
        _postgresServer = postgresServer;
        _postgresDatabase = postgresDatabase;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <param name="keep">Leave the database in place afterwards (to inspect query plans); its connection string is printed.</param>
    public static async Task<BenchmarkDatabase> CreateAsync(DatabaseProvider provider, string postgresServer, bool keep = false)
    {
        BenchmarkDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var directory = Directory.CreateTempSubdirectory("offer-search-bench-").FullName;
            database = new BenchmarkDatabase(provider, $"Data Source={Path.Combine(directory, SqliteFiles.FileNameFor(ResourceNames.OffersDb))}", directory, null, null);
        }
        else
        {
            var name = $"offer_search_bench_{Guid.NewGuid():N}"[..40];
            var builder = new NpgsqlConnectionStringBuilder(postgresServer) { Database = name };
            database = new BenchmarkDatabase(provider, builder.ConnectionString, null, postgresServer, name);
        }

        database._keep = keep;
        await using var context = database.CreateContext();
        await context.Database.MigrateAsync();
        return database;
    }

    public OffersContext CreateContext() => Provider == DatabaseProvider.Sqlite
        ? new SqliteOffersContext(new DbContextOptionsBuilder<SqliteOffersContext>()
            .UseSqlite(ConnectionString).AddInterceptors(SqliteTuningInterceptor.Instance).Options)
        : new PostgresOffersContext(new DbContextOptionsBuilder<PostgresOffersContext>().UseNpgsql(ConnectionString).Options);

    public async Task SeedAsync(int count, int batchSize = 5_000)
    {
        var stopwatch = Stopwatch.StartNew();
        var generator = new OfferGenerator(seed: 42);
        var recruiters = Enumerable.Range(0, 2_000).Select(_ => Guid.NewGuid()).ToArray();
        var now = DateTimeOffset.UtcNow;
        for (var written = 0; written < count; written += batchSize)
        {
            await using var context = CreateContext();
            context.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = Enumerable.Range(written, Math.Min(batchSize, count - written))
                .Select(i => generator.Next(recruiters[i % recruiters.Length], now))
                .ToList();
            foreach (var offer in batch)
            {
                offer.LocationNormalized = offer.Location.ToLowerInvariant();
            }

            context.Offers.AddRange(batch);
            await context.SaveChangesAsync();
        }

        // Planner statistics (and on PostgreSQL the visibility map that index-only scans need), as a
        // database that has been running a while has them from PRAGMA optimize / autovacuum.
        await using (var context = CreateContext())
        {
            await context.Database.ExecuteSqlRawAsync(Provider == DatabaseProvider.Sqlite ? "ANALYZE" : "VACUUM ANALYZE");
        }

        Console.WriteLine($"\n{Provider}: seeded {count:N0} offers in {stopwatch.Elapsed.TotalSeconds:F1} s ({Size()})");
    }

    private string Size()
    {
        if (_sqliteDirectory is null)
        {
            return "PostgreSQL database " + _postgresDatabase;
        }

        var bytes = Directory.EnumerateFiles(_sqliteDirectory).Sum(f => new FileInfo(f).Length);
        return $"SQLite files {bytes / 1024.0 / 1024.0:F0} MB";
    }

    public async ValueTask DisposeAsync()
    {
        if (_keep)
        {
            Console.WriteLine($"Kept: {ConnectionString}");
            return;
        }

        if (_sqliteDirectory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_sqliteDirectory, recursive: true);
        }

        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresServer);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
