using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace TalentLink.Data;

/// <summary>
/// Recognises constraint violations the same way on both providers, so a service can turn the
/// database's verdict (the one that holds under concurrency) into a 409 instead of a 500.
/// </summary>
public static class DatabaseErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>A unique index or primary key rejected the write.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        _ => false,
    };

    /// <summary>
    /// The named constraint rejected the write: on PostgreSQL a constraint of that name (unique,
    /// exclusion, check); on SQLite a trigger that <c>RAISE(ABORT, '&lt;name&gt;')</c>s.
    /// </summary>
    public static bool IsConstraintViolation(this DbUpdateException exception, string constraintName) => exception.InnerException switch
    {
        PostgresException postgres => postgres.ConstraintName == constraintName,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
            && sqlite.Message.Contains(constraintName, StringComparison.Ordinal),
        _ => false,
    };
}
