using Microsoft.Data.Sqlite;

namespace TalentLink.Data;

/// <summary>Runs a statement on a raw SQLite connection (outside EF: checkpoints, locks, read transactions, pragmas).</summary>
public static class SqliteCommands
{
    public static void Execute(this SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
