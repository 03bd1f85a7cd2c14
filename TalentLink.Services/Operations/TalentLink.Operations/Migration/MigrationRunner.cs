using TalentLink.Operations.Catalog;

namespace TalentLink.Operations.Migration;

/// <summary>Migrates every discovered service whose SQLite file exists in the data directory.</summary>
public sealed class MigrationRunner(SqliteToPostgresMigrator migrator, ILogger<MigrationRunner> logger)
{
    public async Task<IReadOnlyList<ServiceMigration>> MigrateAllAsync(
        IReadOnlyList<ServiceContext> services, string dataDirectory, PostgresTarget target, bool replace,
        IReadOnlyCollection<string>? only = null, CancellationToken cancellationToken = default)
    {
        var results = new List<ServiceMigration>();
        foreach (var service in services)
        {
            if (only is { Count: > 0 } && !only.Contains(service.DatabaseName))
            {
                continue;
            }

            var path = Path.Combine(dataDirectory, service.SqliteFileName);
            if (!File.Exists(path))
            {
                logger.LogWarning("{Service}: no {File} in {Directory}; nothing to migrate", service.DatabaseName, service.SqliteFileName, dataDirectory);
                continue;
            }

            logger.LogInformation("{Service}: migrating {File} to PostgreSQL ({Layout})", service.DatabaseName, service.SqliteFileName, target.Layout);
            results.Add(await migrator.MigrateAsync(service, path, target, replace, cancellationToken));
        }

        return results;
    }
}
