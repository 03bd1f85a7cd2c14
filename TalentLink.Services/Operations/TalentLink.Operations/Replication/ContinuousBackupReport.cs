using Microsoft.Extensions.Configuration;
using TalentLink.Data;
using TalentLink.Data.Replication;
using TalentLink.Operations.Catalog;
using TalentLink.Operations.Replication.Postgres;

namespace TalentLink.Operations.Replication;

/// <summary>
/// The one status of continuous backup, for <c>talentlink backup status</c>, the operations API and
/// the dashboard: the replica's timeline per SQLite database and the uploads, PostgreSQL's WAL
/// stream when the platform runs on PostgreSQL, and what protects messaging on MongoDB.
/// </summary>
public static class ContinuousBackupReport
{
    public static async Task<string> ReadAsync(IConfiguration configuration, OperationsOptions options, TimeProvider time,
        PostgresStreamerState? streamer = null, CancellationToken cancellationToken = default)
    {
        var replication = configuration.GetSection(ReplicationOptions.SectionName).Get<ReplicationOptions>() ?? new ReplicationOptions();
        if (replication.Problem() is { } problem)
        {
            return "Continuous backup is misconfigured: " + problem;
        }

        if (!replication.Enabled)
        {
            return "Continuous backup is off: set Replication:Directory (or Replication:AzureBlobConnectionString) and Replication:EncryptionKey "
                + "(the AppHost's replica-key parameter). Only the daily archive protects the data.";
        }

        var target = ReplicaTargets.Create(replication);
        var parts = new List<string>();
        if (DatabaseProviders.Resolve(configuration) == DatabaseProvider.Postgres && configuration.GetConnectionString(ResourceNames.Postgres) is { Length: > 0 } server)
        {
            parts.Add((await PostgresReplicationStatus.ReadAsync(target, time, streamer, new PostgresServerConnection(server), cancellationToken)).Describe());
        }
        else
        {
            parts.Add((await SqliteReplicaReport.ReadAsync(target, time, cancellationToken)).Render());
        }

        if (DataSources.From(configuration, options).MongoConnectionString is { } mongo)
        {
            parts.Add(await MessagingContinuity.DescribeAsync(mongo, target, time, cancellationToken));
        }

        return string.Join(Environment.NewLine, parts);
    }
}
