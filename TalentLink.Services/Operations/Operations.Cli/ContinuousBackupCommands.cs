using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using TalentLink.Data.Replication;
using TalentLink.Operations.Backup;
using TalentLink.Operations.Catalog;
using TalentLink.Operations.Replication;

namespace TalentLink.Operations.Cli;

/// <summary>
/// <c>talentlink backup status</c> and <c>talentlink restore --to</c>: continuous backup, read from
/// the replica named by <c>Replication__Directory</c> (or <c>Replication__AzureBlobConnectionString</c>)
/// with the key in <c>Replication__EncryptionKey</c>: all a fresh machine needs.
/// </summary>
public static class ContinuousBackupCommands
{
    public static Command Status()
    {
        var command = new Command("status", "Per database and the uploads: last shipped commit, lag, restorable window, replica size, timelines and gaps; and the key's fingerprint.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (configuration, options) = OperationsCommands.Settings(parse);
            try
            {
                Console.WriteLine(await ContinuousBackupReport.ReadAsync(configuration, options, TimeProvider.System, cancellationToken: cancellationToken));
                return 0;
            }
            catch (ReplicaUnavailableException ex)
            {
                Console.Error.WriteLine("The replica cannot be read: " + ex.Message);
                return 2;
            }
        });
        return command;
    }

    public static async Task<int> RestoreToAsync(IConfiguration configuration, OperationsOptions options, string to, string? service, bool force, CancellationToken cancellationToken)
    {
        if (Target(configuration) is not { } target)
        {
            return 1;
        }

        var progress = new Progress<string>(line => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}"));
        try
        {
            var mongo = DataSources.From(configuration, options).MongoConnectionString;
            var result = await PlatformRestore.RestoreAsync(target, to, Path.GetFullPath(options.DataDirectory), Path.GetFullPath(options.ResolvedUploadsDirectory), service, force,
                progress, mongo, cancellationToken);
            Console.WriteLine($"Restored to {DatabaseTimeline.Format(result.At)}:");
            foreach (var database in result.Databases)
            {
                Console.WriteLine($"  {database.Database,-17} last commit recorded at {DatabaseTimeline.Format(database.ResolvedTo)} (timeline {database.Generation}, {database.Segments} segments replayed)");
            }

            if (service is null)
            {
                Console.WriteLine($"  {"uploads",-17} {result.UploadedFiles} files");
            }

            Console.WriteLine("Start the services: shipping continues on a new timeline.");
            return 0;
        }
        catch (Exception ex) when (ex is RestoreRefusedException or RestoreOutsideWindowException)
        {
            Console.Error.WriteLine("Restore refused: " + ex.Message);
            return 3;
        }
        catch (Exception ex) when (ex is ReplicaCorruptException or ReplicaKeyMismatchException or ReplicaUnavailableException)
        {
            Console.Error.WriteLine("Restore failed, nothing in the data directory was changed: " + ex.Message);
            return 2;
        }
    }

    /// <summary>PostgreSQL mode: recovers the server into a new data directory at the instant (or the newest shipped one) and leaves it running.</summary>
    public static async Task<int> RestorePostgresAsync(IConfiguration configuration, string to, string dataDirectory, int port, CancellationToken cancellationToken)
    {
        if (Target(configuration) is not { } target)
        {
            return 1;
        }

        DateTimeOffset? at = null;
        if (!string.Equals(to, PlatformRestore.Latest, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                at = PlatformRestore.ResolveInstant(to, [], null);
            }
            catch (RestoreOutsideWindowException ex)
            {
                Console.Error.WriteLine("Restore refused: " + ex.Message);
                return 3;
            }
        }

        var progress = new Progress<string>(line => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}"));
        using var logging = OperationsCommands.Logging();
        try
        {
            var result = await new TalentLink.Operations.Replication.Postgres.PostgresPointInTimeRestore(target, logging.CreateLogger<TalentLink.Operations.Replication.Postgres.PostgresPointInTimeRestore>())
                .RestoreAsync(new TalentLink.Operations.Replication.Postgres.PostgresRestoreRequest(Path.GetFullPath(dataDirectory), at, port), progress, cancellationToken);
            Console.WriteLine($"PostgreSQL recovered into {result.DataDirectory} to {(result.RecoveryTarget is { } t ? DatabaseTimeline.Format(t) : "the newest shipped transaction")}, "
                + $"{result.WalFiles} WAL files replayed in {result.Duration.TotalSeconds:0.0} s; it is running on 127.0.0.1:{result.Port}. Point ConnectionStrings:postgres at it.");
            return 0;
        }
        catch (TalentLink.Operations.Replication.Postgres.PostgresRestoreRefusedException ex)
        {
            Console.Error.WriteLine("Restore refused, nothing was created: " + ex.Message);
            return ex.InnerException is ReplicaCorruptException or ReplicaKeyMismatchException ? 2 : 3;
        }
    }

    private static EncryptedReplicaTarget? Target(IConfiguration configuration)
    {
        var options = configuration.GetSection(ReplicationOptions.SectionName).Get<ReplicationOptions>() ?? new ReplicationOptions();
        try
        {
            return ReplicaTargets.Create(options);
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return null;
        }
    }
}
