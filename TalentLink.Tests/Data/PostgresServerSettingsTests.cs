using TalentLink.Data;
using Actual = TalentLink.Data.PostgresServerSettings.Actual;

namespace TalentLink.Tests.Data;

[Trait("Category", "integration")]
public sealed class PostgresServerSettingsTests
{
    /// <summary>A server configured as PostgresServerSettings.conf says, as pg_settings reports it.</summary>
    private static Dictionary<string, Actual> Configured() => new()
    {
        ["synchronous_commit"] = new("on", null),
        ["commit_delay"] = new("500", null),
        ["commit_siblings"] = new("5", null),
        ["checkpoint_completion_target"] = new("0.9", null),
        ["max_wal_size"] = new("2048", "MB"),
        ["wal_buffers"] = new("2048", "8kB"),
        ["log_min_duration_statement"] = new("100", "ms"),
        ["log_lock_waits"] = new("on", null),
        ["log_checkpoints"] = new("on", null),
        ["track_wal_io_timing"] = new("on", null),
        ["max_connections"] = new("100", null),
    };

    [Fact]
    public void A_server_configured_as_documented_gives_no_warning()
    {
        Assert.Empty(PostgresServerSettings.Differences(Configured()));
        Assert.Null(PostgresServerSettings.PoolDifference(100, new DatabaseOptions()));
    }

    [Fact]
    public void Each_setting_that_differs_is_named_with_its_value_and_the_expected_one()
    {
        var server = Configured();
        server["synchronous_commit"] = new("off", null);
        server["max_wal_size"] = new("1024", "MB");
        server["wal_buffers"] = new("4096", "8kB"); // larger than asked: fine
        server["log_min_duration_statement"] = new("-1", "ms");
        server.Remove("commit_delay");

        var differences = PostgresServerSettings.Differences(server);

        Assert.Equal(4, differences.Count);
        Assert.Contains(differences, d => d.StartsWith("synchronous_commit is off; TalentLink expects on", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("max_wal_size is 1024 × MB; TalentLink expects at least 2GB", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("log_min_duration_statement is -1 × ms", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("commit_delay is unknown", StringComparison.Ordinal));
    }

    [Fact]
    public void Pools_are_derived_to_fit_the_server_and_pools_that_do_not_fit_are_reported()
    {
        Assert.Equal(12, new DatabaseOptions().EffectivePostgresPoolSize);
        Assert.Equal(26, new DatabaseOptions { PostgresMaxConnections = 200 }.EffectivePostgresPoolSize);

        var tooLarge = PostgresServerSettings.PoolDifference(100, new DatabaseOptions { PostgresMaxPoolSize = 20 });
        Assert.NotNull(tooLarge);
        Assert.Contains("max_connections is 100", tooLarge);
        Assert.Contains("7 services × 20", tooLarge);
        Assert.NotNull(PostgresServerSettings.PoolDifference(100, new DatabaseOptions { PostgresMaxConnections = 200 }));
    }

    [Fact]
    public async Task The_local_server_reports_every_setting_the_platform_checks()
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabase.PostgresServer);
        await connection.OpenAsync();

        var server = await PostgresServerSettings.ReadAsync(connection, CancellationToken.None);

        Assert.All(PostgresServerSettings.Expected, e => Assert.True(server.ContainsKey(e.Name), $"{e.Name} missing"));
        Assert.True(server.ContainsKey("max_connections"));
    }
}
