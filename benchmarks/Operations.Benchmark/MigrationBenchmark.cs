using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using TalentLink.Data;
using TalentLink.Operations.Catalog;
using TalentLink.Operations.Migration;

namespace TalentLink.Benchmarks.Operations;

/// <summary>
/// Generates an offers/applications SQLite database (scale 1.0: 5,000 companies, 200,000 offers,
/// 1,000,000 applications, about 1.2 GB) and moves it into a fresh PostgreSQL database three ways:
/// the TalentLink migrator (verification included in its time), pgloader (Debian package; with
/// <c>prefetch rows = 5000, batch rows = 2500</c> since its defaults run out of heap), and the raw
/// practical limit: <c>sqlite3 -csv</c> piped into <c>psql \copy</c>, indexes and foreign keys
/// created after the load. Prints the three times and the ratios.
/// </summary>
public static partial class MigrationBenchmark
{
    private static readonly ILoggerFactory Logging = LoggerFactory.Create(builder => builder
        .AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss.fff "; })
        .AddFilter("Microsoft", LogLevel.Warning));

    private static readonly ServiceContext Service = new("benchoffersdb", typeof(SqliteBenchmarkOffersContext), typeof(PostgresBenchmarkOffersContext));

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        Directory.CreateDirectory(options.Directory);
        var (companies, offers, applications) = ((int)(5_000 * options.Scale), (int)(200_000 * options.Scale), (int)(1_000_000 * options.Scale));
        var path = Path.Combine(options.Directory, $"offers-{options.Scale.ToString(CultureInfo.InvariantCulture)}.db");
        if (!File.Exists(path))
        {
            await GenerateAsync(path, companies, offers, applications);
        }

        Console.WriteLine($"Source {path}: {new FileInfo(path).Length / 1048576.0:N0} MB, {companies:N0} companies, {offers:N0} offers, {applications:N0} applications ({companies + offers + applications:N0} rows).");

        var ours = await TimeAsync("TalentLink migrate (incl. verification)", async () =>
        {
            var target = await FreshDatabaseAsync(options.Postgres, "bench_talentlink");
            var result = await new SqliteToPostgresMigrator(Logging.CreateLogger<SqliteToPostgresMigrator>()).MigrateAsync(Service, path, target, replace: false);
            foreach (var table in result.Tables)
            {
                Console.WriteLine($"    {table.Table,-14} {table.TargetRows,10:N0} rows  copy {table.CopyTime.TotalSeconds,5:F1} s  checksum {table.TargetChecksum} {(table.Matches ? "match" : "MISMATCH")}");
            }

            return result.Matches;
        });

        var raw = await TimeAsync("sqlite3 CSV | psql \\copy (+ indexes)", async () =>
        {
            var target = await FreshDatabaseAsync(options.Postgres, "bench_raw");
            await RawPipeAsync(path, target);
            return true;
        });

        TimeSpan? pgloader = null;
        if (ExternalTool("pgloader") is null)
        {
            Console.WriteLine("pgloader is not installed: apt-get install -y pgloader (skipped).");
        }
        else
        {
            pgloader = await TimeAsync("pgloader (prefetch 5000, batch 2500)", async () =>
            {
                var target = await FreshDatabaseAsync(options.Postgres, "bench_pgloader");
                await PgloaderAsync(path, target, options.Directory);
                return true;
            });
        }

        Console.WriteLine();
        Console.WriteLine($"TalentLink {ours.TotalSeconds:F1} s | raw pipe {raw.TotalSeconds:F1} s | pgloader {(pgloader is { } p ? $"{p.TotalSeconds:F1} s" : "n/a")}");
        Console.WriteLine($"raw pipe / TalentLink = {raw / ours:F2} (≥ 1.00 means no slower than the raw pipe)");
        if (pgloader is { } loader)
        {
            Console.WriteLine($"pgloader / TalentLink = {loader / ours:F2} (goal ≥ 2.00)");
        }

        return 0;
    }

    private static async Task<TimeSpan> TimeAsync(string name, Func<Task<bool>> run)
    {
        Console.WriteLine($"{name} …");
        var stopwatch = Stopwatch.StartNew();
        var ok = await run();
        stopwatch.Stop();
        Console.WriteLine($"  {name}: {stopwatch.Elapsed.TotalSeconds:F1} s{(ok ? "" : " (VERIFICATION FAILED)")}");
        return stopwatch.Elapsed;
    }

    private static async Task<string> FreshDatabaseAsync(string server, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static async Task RawPipeAsync(string sqlitePath, string target)
    {
        // The same DDL as the EF migrations, split into tables (foreign keys lifted out) and what follows the load.
        await using var context = Service.CreatePostgres(target);
        var script = context.Database.GenerateCreateScript();
        var afterLoad = new List<string>();
        var statements = script.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var tables = new List<string>();
        foreach (var statement in statements)
        {
            if (statement.StartsWith("CREATE TABLE", StringComparison.Ordinal))
            {
                var table = TableName().Match(statement).Groups[1].Value;
                var withoutKeys = ForeignKey().Replace(statement, match =>
                {
                    afterLoad.Add($"ALTER TABLE {table} ADD {match.Groups[1].Value}");
                    return "";
                });
                tables.Add(withoutKeys);
            }
            else if (statement.StartsWith("CREATE", StringComparison.Ordinal))
            {
                afterLoad.Insert(0, statement);
            }
        }

        await using var connection = new NpgsqlConnection(target);
        await connection.OpenAsync();
        foreach (var ddl in tables)
        {
            await using var command = new NpgsqlCommand(ddl, connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(target);
        foreach (var table in SqliteToPostgresMigrator.TablesInForeignKeyOrder(context.Model.GetRelationalModel()))
        {
            var columns = string.Join(",", table.Columns.Select(c => $"\"{c.Name}\""));
            var select = Path.GetTempFileName();
            await File.WriteAllTextAsync(select, $"SELECT {columns} FROM \"{table.Name}\";");
            var start = new ProcessStartInfo("bash")
            {
                ArgumentList =
                {
                    "-o", "pipefail", "-c",
                    $"sqlite3 -csv '{sqlitePath}' < '{select}' | psql -q -v ON_ERROR_STOP=1 -h {builder.Host} -p {builder.Port} -U {builder.Username} -d {builder.Database} -c '\\copy \"{table.Name}\" ({columns.Replace("'", "", StringComparison.Ordinal)}) FROM pstdin WITH (FORMAT csv)'",
                },
                Environment = { ["PGPASSWORD"] = builder.Password ?? "" },
            };
            await RunAsync(start);
            File.Delete(select);
        }

        foreach (var ddl in afterLoad)
        {
            await using var command = new NpgsqlCommand(ddl, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task PgloaderAsync(string sqlitePath, string target, string directory)
    {
        var builder = new NpgsqlConnectionStringBuilder(target);
        var load = Path.Combine(directory, "pgloader.load");
        await File.WriteAllTextAsync(load, $"""
            LOAD DATABASE
              FROM sqlite://{sqlitePath}
              INTO postgresql://{builder.Username}:{builder.Password}@{builder.Host}:{builder.Port}/{builder.Database}
              WITH include drop, create tables, create indexes, reset sequences, prefetch rows = 5000, batch rows = 2500;
            """);
        await RunAsync(new ProcessStartInfo("pgloader") { ArgumentList = { "--quiet", load } });
    }

    private static async Task RunAsync(ProcessStartInfo start)
    {
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{start.FileName} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }

    private static string? ExternalTool(string name) => TalentLink.Operations.Backup.ExternalDumps.FindOnPath(name);

    private static async Task GenerateAsync(string path, int companies, int offers, int applications)
    {
        Console.WriteLine($"Generating {path} …");
        await using (var context = Service.CreateSqlite($"Data Source={path}"))
        {
            await context.Database.MigrateAsync();
        }

        using var connection = SqliteTuning.OpenConnection($"Data Source={path};Pooling=False");
        var random = new Random(2026);
        var origin = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string Date(DateTimeOffset value) => value.UtcDateTime.ToString(UtcIsoDateTimeOffsetConverter.Format, CultureInfo.InvariantCulture);

        Insert(connection, "INSERT INTO companies (Name, City, Website, CreatedAt) VALUES ($1, $2, $3, $4)", companies, (i, p) =>
        {
            p[0].Value = $"Company {i} {Text.Paragraph(random, 20)}";
            p[1].Value = i % 5 == 0 ? DBNull.Value : "Paris";
            p[2].Value = i % 3 == 0 ? DBNull.Value : $"https://company{i}.example.com";
            p[3].Value = Date(origin.AddMinutes(i));
        });
        Insert(connection, "INSERT INTO offers (CompanyId, PublicId, Title, Description, SalaryMin, SalaryMax, Remote, Rating, Status, PublishedAt, ClosedAt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)", offers, (i, p) =>
        {
            p[0].Value = 1 + random.Next(companies);
            p[1].Value = Guid.NewGuid().ToString().ToUpperInvariant();
            p[2].Value = "Senior " + Text.Paragraph(random, 40);
            p[3].Value = Text.Paragraph(random, 1_800);
            p[4].Value = i % 4 == 0 ? DBNull.Value : 40_000 + random.Next(20_000);
            p[5].Value = i % 4 == 0 ? DBNull.Value : 60_000 + random.Next(40_000);
            p[6].Value = i % 2;
            p[7].Value = random.NextDouble() * 5;
            p[8].Value = i % 3;
            p[9].Value = Date(origin.AddSeconds(i * 97.3));
            p[10].Value = i % 3 == 2 ? Date(origin.AddSeconds(i * 97.3).AddDays(30)) : DBNull.Value;
        });
        Insert(connection, "INSERT INTO applications (OfferId, CandidateId, CoverLetter, CvFile, Status, Score, AppliedAt, ReviewedAt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", applications, (i, p) =>
        {
            p[0].Value = 1 + random.Next(offers);
            p[1].Value = Guid.NewGuid().ToString().ToUpperInvariant();
            p[2].Value = Text.Paragraph(random, 750);
            p[3].Value = $"{Guid.NewGuid():N}.pdf";
            p[4].Value = i % 4;
            p[5].Value = i % 2 == 0 ? DBNull.Value : random.NextDouble() * 100;
            p[6].Value = Date(origin.AddSeconds(i * 19.7).AddTicks(random.Next(10_000_000)));
            p[7].Value = i % 2 == 0 ? DBNull.Value : Date(origin.AddSeconds(i * 19.7).AddDays(3));
        });

        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        checkpoint.ExecuteNonQuery();
    }

    private static void Insert(SqliteConnection connection, string sql, int rows, Action<int, SqliteParameter[]> fill)
    {
        var parameterCount = sql.Count(c => c == '$');
        for (var batch = 0; batch < rows; batch += 50_000)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            var parameters = Enumerable.Range(1, parameterCount).Select(n =>
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "$" + n;
                command.Parameters.Add(parameter);
                return parameter;
            }).ToArray();

            for (var i = batch; i < Math.Min(rows, batch + 50_000); i++)
            {
                fill(i, parameters);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    [GeneratedRegex("CREATE TABLE (\\S+)")]
    private static partial Regex TableName();

    [GeneratedRegex(",\\s*(CONSTRAINT \"FK_[^\\n]*)")]
    private static partial Regex ForeignKey();
}
