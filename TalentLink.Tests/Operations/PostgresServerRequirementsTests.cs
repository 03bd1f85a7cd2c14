using TalentLink.Operations.Replication.Postgres;
using TalentLink.Tests.Operations.PostgresPointInTime;

namespace TalentLink.Tests.Operations;

/// <summary>What continuous backup needs of a PostgreSQL server, said setting by setting when it is missing.</summary>
[Trait("Category", "integration")]
public sealed class PostgresPointInTimeServerRequirementsTests : IDisposable
{
    private readonly string _root = CreateRoot();

    [PostgresBinariesFact]
    public async Task A_server_without_wal_senders_slots_replica_wal_or_a_replication_role_is_told_each_missing_setting()
    {
        await using var cluster = await ThrowawayCluster.StartAsync(PostgresBinariesFactAttribute.Binaries!, _root,
            "wal_level = minimal\nmax_wal_senders = 0\nmax_replication_slots = 0");
        await cluster.ExecuteAsync("CREATE ROLE app LOGIN");

        var report = await PostgresServerRequirements.CheckAsync(new PostgresServerConnection(cluster.ConnectionStringFor("app")), null);

        Assert.False(report.CanStream);
        Assert.Collection(report.Problems,
            p => Assert.StartsWith("wal_level is 'minimal': set wal_level = replica", p),
            p => Assert.StartsWith("max_wal_senders is 0: set max_wal_senders = 2 or more", p),
            p => Assert.StartsWith("max_replication_slots is 0: set max_replication_slots = 1 or more", p),
            p => Assert.StartsWith("Role app has no REPLICATION attribute: ALTER ROLE \"app\" REPLICATION;", p));
        Assert.Contains("cannot be backed up continuously yet", report.Summary);
    }

    [PostgresBinariesFact]
    public async Task A_server_whose_pg_hba_refuses_replication_connections_is_told_the_line_to_add()
    {
        await using var cluster = await ThrowawayCluster.StartAsync(PostgresBinariesFactAttribute.Binaries!, _root,
            hba: "local all all trust\nhost all all 127.0.0.1/32 trust\n");

        var report = await PostgresServerRequirements.CheckAsync(new PostgresServerConnection(cluster.ConnectionString), null);

        var problem = Assert.Single(report.Problems);
        Assert.StartsWith("pg_hba.conf does not admit replication connections for postgres: add a line such as 'host replication postgres", problem);
    }

    [PostgresBinariesFact]
    public async Task A_ready_server_passes_the_check()
    {
        await using var cluster = await ThrowawayCluster.StartAsync(PostgresBinariesFactAttribute.Binaries!, _root);

        var report = await PostgresServerRequirements.CheckAsync(new PostgresServerConnection(cluster.ConnectionString), null);

        Assert.True(report.CanStream, report.Summary);
        Assert.Equal(PostgresBinariesFactAttribute.Binaries!.MajorVersion, report.ServerMajorVersion);
    }

    [Fact]
    public async Task Azure_Database_for_PostgreSQL_is_left_to_the_providers_own_point_in_time_restore()
    {
        var server = new PostgresServerConnection("Host=talentlink.postgres.database.azure.com;Username=admin;Password=x;Database=authdb");

        var report = await PostgresServerRequirements.CheckAsync(server, null);

        Assert.True(report.IsManaged);
        Assert.False(report.CanStream);
        Assert.Contains("provider's own point-in-time restore", report.Summary);
    }

    private static string CreateRoot()
    {
        var root = Directory.CreateTempSubdirectory("talentlink-pgreq-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
        }

        return root;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
