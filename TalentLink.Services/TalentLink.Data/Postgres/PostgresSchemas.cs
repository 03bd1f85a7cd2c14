using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace TalentLink.Data;

/// <summary>
/// PostgreSQL layouts: one database per service (the default), or one shared database with a schema
/// per service, chosen by the connection string's <c>Search Path</c>. Before migrating, the database
/// and that schema are created when missing, so the service's migrations land in its own schema.
/// </summary>
public static class PostgresSchemas
{
    public static async Task EnsureCreatedAsync(DbContext context, CancellationToken cancellationToken = default)
    {
        if (!context.Database.IsNpgsql())
        {
            return;
        }

        var creator = context.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another service sharing the database created it first.
            }
        }

        if (SchemaOf(context.Database.GetConnectionString()) is { } schema)
        {
            try
            {
                // An identifier cannot be a parameter; it is quoted (embedded quotes doubled) instead.
                var sql = "CREATE SCHEMA IF NOT EXISTS \"" + schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
                await context.Database.ExecuteSqlRawAsync(sql, cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // Created concurrently by another process.
            }
        }
    }

    /// <summary>The first schema of the connection string's search path, when it names one.</summary>
    public static string? SchemaOf(string? connectionString) =>
        connectionString is null ? null
        : new NpgsqlConnectionStringBuilder(connectionString).SearchPath?.Split(',')[0].Trim() is { Length: > 0 } schema ? schema : null;
}
