using MongoDB.Driver;
using TalentLink.Data.Replication;
using TalentLink.Operations.Backup;

namespace TalentLink.Operations.Replication.Mongo;

/// <summary>
/// The MongoDB database a platform restore rebuilds messaging's collections in: checked before
/// anything changes (reachable; holding none of messaging's documents unless overwriting), then
/// loaded in staging collections and renamed over the live ones. The shipping state is dropped, so
/// messaging starts a new timeline on the restored data.
/// </summary>
public sealed class MongoRestoreTarget : IDisposable
{
    private readonly MongoClient _client;

    private MongoRestoreTarget(MongoClient client, IMongoDatabase database)
    {
        _client = client;
        Database = database;
    }

    public IMongoDatabase Database { get; }

    public static async Task<MongoRestoreTarget> OpenAsync(string? connectionString, bool overwrite, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new RestoreRefusedException($"The replica holds messaging's MongoDB collections ({MongoReplica.Database}): give the MongoDB server to restore them into "
                + "(ConnectionStrings:mongodb, as messaging has it), or restore the other databases one at a time with --service.");
        }

        var client = MongoDriverDump.Client(connectionString);
        var target = new MongoRestoreTarget(client, client.GetDatabase(MongoDriverDump.DatabaseName(connectionString)));
        try
        {
            using var cursor = await target.Database.ListCollectionNamesAsync(cancellationToken: cancellationToken);
            var names = (await cursor.ToListAsync(cancellationToken)).Where(n => !n.StartsWith("system.", StringComparison.Ordinal) && !n.StartsWith(MongoDriverDump.InternalPrefix, StringComparison.Ordinal));
            var occupied = await MongoDriverDump.ExistingDocumentsAsync(connectionString, names, cancellationToken);
            if (occupied.Count > 0 && !overwrite)
            {
                throw new RestoreRefusedException($"MongoDB database '{target.Database.DatabaseNamespace.DatabaseName}' already holds messaging's collections "
                    + $"({string.Join(", ", occupied.Select(c => $"{c.Key}: {c.Value} documents"))}); nothing was changed. Restore with --force to replace them.");
            }

            return target;
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException)
        {
            target.Dispose();
            throw new RestoreRefusedException($"Messaging's MongoDB cannot be reached to restore its collections, so nothing was restored: {ex.Message}", ex);
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    /// <summary>Rebuilds the collections at the plan's instant, then puts them in place; a failure before that leaves the database as it was.</summary>
    public async Task RestoreAsync(IReplicaTarget replica, RestorePlan plan, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        MongoStagedCollections staged;
        try
        {
            staged = await MongoReplica.StageAsync(replica, plan, Database, progress, cancellationToken);
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException)
        {
            throw new RestoreRefusedException($"Loading messaging's collections into MongoDB failed, so nothing was restored: {ex.Message}", ex);
        }

        var collections = staged.Targets.Order(StringComparer.Ordinal).ToList();
        await staged.CommitAsync(cancellationToken);
        await MongoShippingState.DeleteAsync(Database, cancellationToken);
        progress?.Report($"{plan.Database}: collections {(collections.Count > 0 ? string.Join(", ", collections) : "(none)")} restored in MongoDB database '{Database.DatabaseNamespace.DatabaseName}'");
    }

    public void Dispose() => _client.Dispose();
}
