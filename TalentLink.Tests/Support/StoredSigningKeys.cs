using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using TalentLink.Data;

namespace TalentLink.Tests.Support;

/// <summary>What auth.db holds of the signing keys, read past the service: the raw file, the table's values, a plaintext row as an earlier version stored it.</summary>
public static class StoredSigningKeys
{
    /// <summary>
    /// Every byte an attacker with the database would have: on SQLite the file and its WAL as they
    /// are on disk; on PostgreSQL every column of every signing key row.
    /// </summary>
    public static async Task<byte[]> LeakedBytesAsync(TestDatabase database)
    {
        var bytes = new List<byte>(await RowBytesAsync(database));
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var path = SqliteFiles.PathOf(database.ConnectionString)!;
            foreach (var file in (string[])[path, path + "-wal"])
            {
                if (File.Exists(file))
                {
                    await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                    var content = new byte[stream.Length];
                    await stream.ReadExactlyAsync(content);
                    bytes.AddRange(content);
                }
            }
        }

        return bytes.ToArray();
    }

    public static async Task<int> CountAsync(TestDatabase database)
    {
        await using var connection = Open(database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM signing_keys";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Puts a key back the way versions before encryption stored it: PEM in the clear, no protected columns.</summary>
    public static async Task StoreInPlaintextAsync(TestDatabase database, string keyId, string pem)
    {
        await using var connection = Open(database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE signing_keys SET \"PrivateKeyPem\" = @pem, \"ProtectedPrivateKey\" = NULL, \"Nonce\" = NULL, " +
            "\"Tag\" = NULL, \"Salt\" = NULL, \"ProtectionKeyId\" = NULL WHERE \"Id\" = @id";
        command.Parameters.Add(Parameter(command, "pem", pem));
        command.Parameters.Add(Parameter(command, "id", keyId));
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>Is <paramref name="needle"/> anywhere in <paramref name="haystack"/>?</summary>
    public static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static async Task<byte[]> RowBytesAsync(TestDatabase database)
    {
        await using var connection = Open(database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM signing_keys";
        await using var reader = await command.ExecuteReaderAsync();
        var bytes = new List<byte>();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                switch (reader.IsDBNull(i) ? null : reader.GetValue(i))
                {
                    case byte[] blob:
                        bytes.AddRange(blob);
                        break;
                    case { } value:
                        bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!));
                        break;
                }
            }
        }

        return bytes.ToArray();
    }

    private static DbConnection Open(TestDatabase database) => database.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnection(database.ConnectionString)
        : new NpgsqlConnection(database.ConnectionString);

    private static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        return parameter;
    }
}
