using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using TalentLink.Operations.Advice;
using TalentLink.Operations.Backup;
using TalentLink.Operations.Catalog;
using TalentLink.Operations.Migration;

namespace TalentLink.Operations.Cli;

/// <summary>
/// <c>talentlink backup [status] | verify | restore [--to] | migrate | advise</c>. Settings come from the options,
/// then from the environment (<c>Operations__DataDirectory</c>, <c>ConnectionStrings__postgres</c>, …).
/// </summary>
public static class OperationsCommands
{
    private static readonly Option<string?> DataDirectory = new("--data-dir") { Recursive = true, Description = "The data directory holding the *.db files and uploads/ (default: Operations:DataDirectory or ./data)." };

    public static RootCommand Build()
    {
        var root = new RootCommand("TalentLink operations: backup, restore, migrate to PostgreSQL, capacity advice.");
        root.Options.Add(DataDirectory);
        root.Subcommands.Add(BackupCommand());
        root.Subcommands.Add(VerifyCommand());
        root.Subcommands.Add(RestoreCommand());
        root.Subcommands.Add(MigrateCommand());
        root.Subcommands.Add(AdviseCommand());
        return root;
    }

    private static Command BackupCommand()
    {
        var backupDirectory = new Option<string?>("--backup-dir") { Description = "Where archives go (default: <data-dir>/backups, where the operations service lists them)." };
        var retention = new Option<int?>("--retention-days") { Description = "Delete archives older than this (default 7); the newest good one is always kept." };
        var command = new Command("backup",
            "Write one verified, timestamped archive of every database, the messaging data and the uploads, encrypted when Replication__EncryptionKey is set. "
            + "Exit code 0: good; 2: failed verification; 4: incomplete (a store could not be included).") { backupDirectory, retention };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (configuration, options) = Settings(parse);
            options.BackupDirectory = parse.GetValue(backupDirectory) ?? options.BackupDirectory;
            options.RetentionDays = parse.GetValue(retention) ?? options.RetentionDays;
            if (!TryArchiveCipher(configuration, out var cipher))
            {
                return 1;
            }

            using var logging = Logging();
            var service = new BackupService(TimeProvider.System, logging.CreateLogger<BackupService>());
            var result = await service.BackupAsync(DataSources.From(configuration, options), options.ResolvedBackupDirectory, options.RetentionDays, cancellationToken, options.StageSnapshotsInMemory, cipher);
            Console.WriteLine(OperationsReport.Backup(result));
            return result.State switch
            {
                BackupState.Good => 0,
                BackupState.Incomplete => 4,
                _ => 2,
            };
        });
        command.Subcommands.Add(ContinuousBackupCommands.Status());
        return command;
    }

    private static Command VerifyCommand()
    {
        var archive = new Argument<string>("archive") { Description = "The archive to check (an encrypted .enc one with Replication__EncryptionKey)." };
        var command = new Command("verify", "Check an archive: safe entry names, checksums, integrity_check and row counts against its manifest. Exit code 0: good; 2: failed; 4: verified but incomplete.") { archive };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (configuration, _) = Settings(parse);
            if (!TryArchiveCipher(configuration, out var cipher))
            {
                return 1;
            }

            var result = await BackupVerifier.VerifyAsync(parse.GetValue(archive)!, cipher, cancellationToken);
            if (!result.IsValid)
            {
                Console.WriteLine("Archive FAILED verification:\n  " + string.Join("\n  ", result.Problems));
                return 2;
            }

            if (!result.IsComplete)
            {
                Console.WriteLine("Archive verified, but it is INCOMPLETE (not a good backup):\n  " + string.Join("\n  ", result.Manifest!.Missing!));
                return 4;
            }

            Console.WriteLine("Archive is good.");
            return 0;
        });
        return command;
    }

    private static Command RestoreCommand()
    {
        var archive = new Argument<string?>("archive") { Description = "The archive to restore (an encrypted .enc one with Replication__EncryptionKey); omit it with --to.", Arity = ArgumentArity.ZeroOrOne };
        var force = new Option<bool>("--force") { Description = "Replace the databases, uploads and MongoDB collections already there." };
        var to = new Option<string?>("--to") { Description = "Restore from the continuous-backup replica to this instant (ISO-8601, UTC unless an offset is given) or 'latest'." };
        var service = new Option<string?>("--service") { Description = "With --to: restore only this database (e.g. offers or offersdb); the uploads are left alone." };
        var postgresData = new Option<string?>("--postgres-data-dir") { Description = "With --to, in PostgreSQL mode: a new data directory to recover the server into (from the base backups and WAL in the replica)." };
        var postgresPort = new Option<int>("--postgres-port") { Description = "The port the recovered PostgreSQL server listens on (127.0.0.1).", DefaultValueFactory = _ => 5433 };
        var command = new Command("restore",
            "Restore the platform to an instant from the continuous-backup replica (--to), or an archive into the data directory and messaging's collections into MongoDB (services stopped). "
            + "Exit code 0: restored; 1: bad settings; 2: the replica is damaged or under another key; 3: refused (nothing changed).") { archive, force, to, service, postgresData, postgresPort };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (configuration, options) = Settings(parse);
            if (parse.GetValue(to) is { } postgresInstant && parse.GetValue(postgresData) is { } postgresDirectory)
            {
                return await ContinuousBackupCommands.RestorePostgresAsync(configuration, postgresInstant, postgresDirectory, parse.GetValue(postgresPort), cancellationToken);
            }

            if (parse.GetValue(to) is { } instant)
            {
                return await ContinuousBackupCommands.RestoreToAsync(configuration, options, instant, parse.GetValue(service), parse.GetValue(force), cancellationToken);
            }

            if (parse.GetValue(archive) is null)
            {
                Console.Error.WriteLine("Give an archive to restore, or --to <instant|latest> to restore from the continuous-backup replica.");
                return 1;
            }

            if (!TryArchiveCipher(configuration, out var cipher))
            {
                return 1;
            }

            try
            {
                var mongo = DataSources.From(configuration, options).MongoConnectionString;
                var result = await RestoreService.RestoreAsync(parse.GetValue(archive)!, Path.GetFullPath(options.DataDirectory), Path.GetFullPath(options.ResolvedUploadsDirectory),
                    parse.GetValue(force), cipher, mongo, cancellationToken);
                Console.WriteLine($"Restored {string.Join(", ", result.Databases)} and {result.UploadedFiles} uploaded files into {Path.GetFullPath(options.DataDirectory)}"
                    + (result.Collections.Count > 0 ? $", and MongoDB collections {string.Join(", ", result.Collections)}." : "."));
                foreach (var note in result.Notes)
                {
                    Console.WriteLine("  note: " + note);
                }

                return 0;
            }
            catch (RestoreRefusedException ex)
            {
                Console.Error.WriteLine("Restore refused: " + ex.Message);
                return 3;
            }
        });
        return command;
    }

    /// <summary>The archive key from <c>Replication:EncryptionKey</c> (env <c>Replication__EncryptionKey</c>); false, said why, when it is invalid.</summary>
    private static bool TryArchiveCipher(IConfiguration configuration, out TalentLink.Data.Replication.ReplicaCipher? cipher)
    {
        try
        {
            cipher = ArchiveEncryption.FromConfiguration(configuration);
            return true;
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine(ex.Message);
            cipher = null;
            return false;
        }
    }

    private static Command MigrateCommand()
    {
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL server connection string (default: ConnectionStrings:postgres)." };
        var layout = new Option<PostgresLayout>("--layout") { Description = "DatabasePerService (default) or SchemaPerService (one shared database).", DefaultValueFactory = _ => PostgresLayout.DatabasePerService };
        var database = new Option<string>("--database") { Description = "The shared database for SchemaPerService.", DefaultValueFactory = _ => PostgresTarget.DefaultSharedDatabase };
        var replace = new Option<bool>("--replace") { Description = "Drop and re-create targets that already hold rows." };
        var only = new Option<string[]>("--service") { Description = "Migrate only these databases (e.g. authdb); default all.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("migrate", "Copy every service's SQLite data into PostgreSQL and prove nothing was lost.") { postgres, layout, database, replace, only };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (configuration, options) = Settings(parse);
            var server = parse.GetValue(postgres) ?? configuration.GetConnectionString(ResourceNames.Postgres);
            if (string.IsNullOrWhiteSpace(server))
            {
                Console.Error.WriteLine("Give the PostgreSQL server with --postgres \"Host=…;Username=…;Password=…\" or ConnectionStrings__postgres.");
                return 1;
            }

            using var logging = Logging();
            var runner = new MigrationRunner(new SqliteToPostgresMigrator(logging.CreateLogger<SqliteToPostgresMigrator>()), logging.CreateLogger<MigrationRunner>());
            try
            {
                var results = await runner.MigrateAllAsync(ServiceContexts.Discover(), Path.GetFullPath(options.DataDirectory),
                    new PostgresTarget(server, parse.GetValue(layout), parse.GetValue(database)!), parse.GetValue(replace), parse.GetValue(only), cancellationToken);
                Console.WriteLine(OperationsReport.Migration(results));
                return results.All(r => r.Matches) ? 0 : 2;
            }
            catch (TargetNotEmptyException ex)
            {
                Console.Error.WriteLine("Migration refused: " + ex.Message);
                return 3;
            }
        });
        return command;
    }

    private static Command AdviseCommand()
    {
        var command = new Command("advise", "Per service: size, data volume, peak users and lock waits against the thresholds, and a recommendation.");
        command.SetAction(parse =>
        {
            var (configuration, options) = Settings(parse);
            var report = CapacityAdvisor.Advise(CapacitySnapshot.Read(DataSources.From(configuration, options), ServiceContexts.Discover()));
            Console.WriteLine(OperationsReport.Advice(report));
            return 0;
        });
        return command;
    }

    internal static (IConfiguration Configuration, OperationsOptions Options) Settings(ParseResult parse)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var options = configuration.GetSection(OperationsOptions.SectionName).Get<OperationsOptions>() ?? new OperationsOptions();
        options.DataDirectory = parse.GetValue(DataDirectory) ?? options.DataDirectory;
        return (configuration, options);
    }

    internal static ILoggerFactory Logging() => LoggerFactory.Create(builder => builder
        .AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss "; })
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Microsoft", LogLevel.Warning));
}
