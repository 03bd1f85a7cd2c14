using MongoDB.Bson;
using MongoDB.Driver;

namespace TalentLink.Operations.Backup;

/// <summary>
/// Collections being restored, loaded beside their targets under staging names
/// (<c>tl_restore_&lt;run&gt;_&lt;name&gt;</c>): <see cref="CommitAsync"/> renames each over its
/// target (dropping what was there), <see cref="DropAsync"/> removes them and leaves the database as it was.
/// </summary>
public sealed class MongoStagedCollections(IMongoDatabase database)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly Dictionary<string, string> _staged = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Targets => _staged.Keys;

    /// <summary>The staging collection of <paramref name="target"/>, created on first use.</summary>
    public async Task<IMongoCollection<BsonDocument>> CollectionAsync(string target, CancellationToken cancellationToken)
    {
        if (!_staged.TryGetValue(target, out var name))
        {
            name = $"{MongoDriverDump.StagingPrefix}{_run}_{target}";
            await database.CreateCollectionAsync(name, cancellationToken: cancellationToken);
            _staged[target] = name;
        }

        return database.GetCollection<BsonDocument>(name);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        foreach (var (target, name) in _staged)
        {
            await database.RenameCollectionAsync(name, target, new RenameCollectionOptions { DropTarget = true }, cancellationToken);
        }

        _staged.Clear();
    }

    public async Task DropAsync()
    {
        foreach (var name in _staged.Values)
        {
            await database.DropCollectionAsync(name, CancellationToken.None);
        }

        _staged.Clear();
    }
}
