using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TalentLink.Data;

/// <summary>
/// The production tuning every SQLite connection runs with: write-ahead log, NORMAL sync (durable
/// at checkpoints, safe with WAL; a service's own connections flush at every commit instead with
/// <c>Database:Durability=Full</c>, see <see cref="DatabaseDurability"/>), a 64 MB page cache, a 30 s busy timeout, and enforced foreign keys.
/// <c>journal_size_limit</c> (64 MB) makes a writer shrink the WAL file back when it restarts the
/// log, so a WAL that grew while a backup snapshot held its read transaction returns to its normal size.
/// <c>secure_delete</c> zeroes what a delete or an overwrite frees, so erased personal data (a deleted
/// account's profile, a deleted user's messages) is gone from the database file once the WAL is
/// checkpointed, not left readable in free space.
/// <para>
/// A service's own connections leave both jobs to the service's <see cref="SqliteCheckpointer"/>
/// (<see cref="ServicePragmas"/>): it checkpoints in the background, so no request ever pays for
/// copying the WAL back into the database (after a backup snapshot held the WAL for seconds, hundreds
/// of megabytes), and it shrinks the file in small steps (<see cref="SqliteWalShrinker"/>), so no
/// request waits while a gigabyte is freed in one go.
/// </para>
/// </summary>
public static class SqliteTuning
{
    public static readonly IReadOnlyDictionary<string, string> Pragmas = new Dictionary<string, string>
    {
        ["journal_mode"] = "WAL",
        ["synchronous"] = "NORMAL",
        ["cache_size"] = "-64000",
        ["busy_timeout"] = "30000",
        ["foreign_keys"] = "ON",
        ["secure_delete"] = "ON",
        ["journal_size_limit"] = JournalSizeLimitBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The WAL's normal size: it is cut back to this once a log restart leaves the rest unused.</summary>
    public const long JournalSizeLimitBytes = 64L * 1024 * 1024;

    /// <summary>What a service's own connections change: checkpoints and WAL trimming are left to its <see cref="SqliteCheckpointer"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string> ServicePragmas =
        new Dictionary<string, string>(Pragmas) { ["wal_autocheckpoint"] = "0", ["journal_size_limit"] = "-1" };

    private static readonly string PragmaScript = Script(Pragmas);

    private static readonly string ServicePragmaScript = Script(ServicePragmas);

    private static readonly string FullDurabilityServicePragmaScript =
        Script(new Dictionary<string, string>(ServicePragmas) { ["synchronous"] = "FULL" });

    public static void Apply(DbConnection connection, bool serviceConnection = false, DatabaseDurability durability = DatabaseDurability.Normal)
    {
        using var command = connection.CreateCommand();
        command.CommandText = ScriptFor(serviceConnection, durability);
        command.ExecuteNonQuery();
    }

    public static async Task ApplyAsync(DbConnection connection, bool serviceConnection = false,
        DatabaseDurability durability = DatabaseDurability.Normal, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = ScriptFor(serviceConnection, durability);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string ScriptFor(bool serviceConnection, DatabaseDurability durability) =>
        !serviceConnection ? PragmaScript
        : durability == DatabaseDurability.Full ? FullDurabilityServicePragmaScript
        : ServicePragmaScript;

    /// <summary>
    /// Opens a tuned connection outside EF (backup, migration, diagnostics). A
    /// <paramref name="serviceConnection"/> leaves checkpoints to a running <see cref="SqliteCheckpointer"/>.
    /// </summary>
    public static SqliteConnection OpenConnection(string connectionString, bool serviceConnection = false)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Apply(connection, serviceConnection);
        return connection;
    }

    private static string Script(IReadOnlyDictionary<string, string> pragmas) =>
        string.Concat(pragmas.Select(p => $"PRAGMA {p.Key}={p.Value};"));

    /// <summary>Creates the folder that holds the database file, so a fresh data directory just works.</summary>
    public static void EnsureDirectory(string connectionString)
    {
        if (SqliteFiles.PathOf(connectionString) is not { } path)
        {
            return;
        }

        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}

/// <summary>
/// Runs <see cref="SqliteTuning.ServicePragmas"/> (with the service's <see cref="DatabaseDurability"/>) on every connection a service's EF context opens. The settings belong to the
/// physical connection and survive its trips through the pool, so they run once per physical
/// connection, not on every logical open (EF opens a connection per query; the six PRAGMAs cost
/// about as much as the query itself).
/// </summary>
public sealed class SqliteTuningInterceptor(DatabaseDurability durability = DatabaseDurability.Normal) : DbConnectionInterceptor
{
    public static readonly SqliteTuningInterceptor Instance = new();

    private static readonly SqliteTuningInterceptor FullDurability = new(DatabaseDurability.Full);

    public static SqliteTuningInterceptor For(DatabaseDurability durability) =>
        durability == DatabaseDurability.Full ? FullDurability : Instance;

    private static readonly ConditionalWeakTable<object, object> Tuned = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsTuning(connection))
        {
            SqliteTuning.Apply(connection, serviceConnection: true, durability);
            MarkTuned(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsTuning(connection))
        {
            await SqliteTuning.ApplyAsync(connection, serviceConnection: true, durability, cancellationToken);
            MarkTuned(connection);
        }
    }

    /// <summary>The native handle identifies the physical connection; a connection without one is always tuned.</summary>
    private static bool NeedsTuning(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !Tuned.TryGetValue(handle, out _);

    private static void MarkTuned(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Tuned.AddOrUpdate(handle, Instance);
        }
    }
}
