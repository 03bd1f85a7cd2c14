using System.Net;
using System.Net.Sockets;
using Npgsql;
using TalentLink.Operations.Replication.Postgres;

namespace TalentLink.Tests.Operations.PostgresPointInTime;

/// <summary>
/// A PostgreSQL cluster made by the test in a temporary folder, on a free port (never the shared
/// server on 5432): wal_level=replica, WAL senders and slots for pg_receivewal and pg_basebackup,
/// trust for local connections. Stopped and deleted on dispose.
/// </summary>
public sealed class ThrowawayCluster : IAsyncDisposable
{
    private ThrowawayCluster(PostgresBinaries binaries, string root, int port)
    {
        Binaries = binaries;
        Root = root;
        Port = port;
    }

    public PostgresBinaries Binaries { get; }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public int Port { get; }

    public string ConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string user) => $"Host=127.0.0.1;Port={Port};Username={user};Database=postgres;Pooling=false";

    /// <param name="settings">Lines appended to postgresql.conf after the defaults (later lines win).</param>
    /// <param name="hba">A pg_hba.conf to use instead of initdb's (which admits local replication connections).</param>
    public static async Task<ThrowawayCluster> StartAsync(PostgresBinaries binaries, string parent, string settings = "", string? hba = null)
    {
        var root = Directory.CreateDirectory(Path.Combine(parent, "source")).FullName;
        await binaries.HandToServerUserAsync(root);
        var cluster = new ThrowawayCluster(binaries, root, TestMachine.FreePort());
        await binaries.RunAsServerUserAsync("initdb", ["-D", cluster.DataDirectory, "-A", "trust", "-U", "postgres", "--no-sync"]);
        await File.AppendAllTextAsync(Path.Combine(cluster.DataDirectory, "postgresql.conf"), $"""

            port = {cluster.Port}
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{root}'
            wal_level = replica
            max_wal_senders = 4
            max_replication_slots = 4
            fsync = off
            {settings}
            """);
        if (hba is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(cluster.DataDirectory, "pg_hba.conf"), hba);
        }

        await binaries.RunAsServerUserAsync("pg_ctl", ["-D", cluster.DataDirectory, "-l", Path.Combine(root, "server.log"), "-w", "start"]);
        return cluster;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The loss: the server stops at once, as in a crash (no shutdown checkpoint, nothing more sent).</summary>
    public Task StopImmediatelyAsync() =>
        Binaries.RunAsServerUserAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);

    public static async Task StopAsync(PostgresBinaries binaries, string dataDirectory)
    {
        if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
        {
            try
            {
                await binaries.RunAsServerUserAsync("pg_ctl", ["-D", dataDirectory, "-m", "immediate", "-w", "stop"]);
            }
            catch (PostgresToolException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await StopAsync(Binaries, DataDirectory);
    }
}
