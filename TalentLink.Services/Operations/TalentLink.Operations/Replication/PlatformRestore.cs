using System.Globalization;
using TalentLink.Data.Replication;
using TalentLink.Operations.Backup;
using TalentLink.Operations.Catalog;
using TalentLink.Operations.Replication.Mongo;

namespace TalentLink.Operations.Replication;

public sealed record RestoredDatabase(string Database, DateTimeOffset ResolvedTo, string Generation, int Segments);

public sealed record PlatformRestoreResult(DateTimeOffset At, IReadOnlyList<RestoredDatabase> Databases, int UploadedFiles);

/// <summary>
/// <c>talentlink restore --to &lt;instant&gt;</c>: rebuilds every database (or one) and the uploads at
/// one instant from the replica alone, as a fresh machine would with only the key and the replica's
/// location. <c>latest</c> is the newest instant that every database and the uploads have shipped,
/// so no restored row refers to something another service did not hold yet. Everything is built
/// in a staging folder and checked first; the data directory changes only once all of it succeeded.
/// Messaging's MongoDB collections (timeline <c>messaging-mongodb</c>) are rebuilt the same way in
/// staging collections of <c>mongoConnectionString</c>'s database, through the driver, and renamed
/// over the live ones at the end.
/// </summary>
public static class PlatformRestore
{
    public const string Latest = "latest";

    public static async Task<PlatformRestoreResult> RestoreAsync(
        IReplicaTarget target, string to, string dataDirectory, string uploadsDirectory, string? onlyDatabase, bool overwrite,
        IProgress<string>? progress = null, string? mongoConnectionString = null, CancellationToken cancellationToken = default)
    {
        var names = await DatabaseTimeline.DatabasesAsync(target, cancellationToken);
        if (onlyDatabase is not null)
        {
            var wanted = onlyDatabase.EndsWith("db", StringComparison.Ordinal) && !names.Contains(onlyDatabase) ? onlyDatabase[..^2] : onlyDatabase;
            wanted = !names.Contains(wanted) && names.Contains(MongoReplica.Database) && MongoReplica.Database.StartsWith(wanted + "-", StringComparison.Ordinal) ? MongoReplica.Database : wanted;
            names = names.Contains(wanted) ? [wanted] : throw new RestoreRefusedException($"The replica holds no database '{onlyDatabase}'. It holds: {string.Join(", ", names)}.");
        }

        if (names.Count == 0)
        {
            throw new RestoreRefusedException("The replica holds no database: check Replication:Directory or Replication:AzureBlobConnectionString.");
        }

        progress?.Report($"Reading the timeline of {names.Count} database(s) from {target.Description}");
        var timelines = new List<DatabaseTimeline>();
        foreach (var name in names)
        {
            timelines.Add(await DatabaseTimeline.ReadAsync(target, name, cancellationToken));
        }

        var includeUploads = onlyDatabase is null;
        var uploadsThrough = includeUploads ? await UploadEvents.ShippedThroughAsync(target, cancellationToken) : null;
        var at = ResolveInstant(to, timelines, uploadsThrough);
        var allPlans = timelines.Select(t => t.Plan(at)).ToList();
        var mongoPlan = allPlans.FirstOrDefault(p => p.Database == MongoReplica.Database);
        var plans = allPlans.Where(p => p != mongoPlan).ToList();
        var mongo = mongoPlan is null ? null : await MongoRestoreTarget.OpenAsync(mongoConnectionString, overwrite, cancellationToken);

        Directory.CreateDirectory(dataDirectory);
        var targets = plans.Select(p => Path.Combine(dataDirectory, p.Database + SqliteFiles.Extension)).ToList();
        DataDirectoryRestore.RefuseRunning(targets);
        DataDirectoryRestore.RefuseOccupied(DataDirectoryRestore.Occupied(targets, uploadsDirectory, includeUploads), overwrite);

        var staging = Directory.CreateDirectory(Path.Combine(dataDirectory, ".restore-" + Guid.NewGuid().ToString("N")[..8]));
        try
        {
            var erasures = new Dictionary<string, ErasuresToReapply>(StringComparer.Ordinal);
            foreach (var (plan, timeline) in plans.Zip(timelines))
            {
                var staged = Path.Combine(staging.FullName, plan.Database + SqliteFiles.Extension);
                await SqliteReplicaRestore.RestoreAsync(target, plan, staged, progress, cancellationToken);
                if (await ErasedSinceAsync(target, timeline, plan, staged, staging.FullName, cancellationToken) is { Erasures.Count: > 0 } later)
                {
                    erasures[plan.Database] = later;
                    progress?.Report($"{plan.Database}: {later.Erasures.Count} account(s) erased after {DatabaseTimeline.Format(at)} will be erased again when Auth starts");
                }
            }

            var files = includeUploads
                ? await StageUploadsAsync(target, at, ReferencedUploads(staging.FullName), Path.Combine(staging.FullName, "uploads"), progress, cancellationToken)
                : 0;
            if (mongo is not null)
            {
                await mongo.RestoreAsync(target, mongoPlan!, progress, cancellationToken);
            }

            SqliteConnection.ClearAllPools();
            foreach (var plan in plans)
            {
                var path = Path.Combine(dataDirectory, plan.Database + SqliteFiles.Extension);
                DataDirectoryRestore.PutDatabase(Path.Combine(staging.FullName, plan.Database + SqliteFiles.Extension), path);
                erasures.GetValueOrDefault(plan.Database)?.Save(path);
            }

            if (includeUploads)
            {
                DataDirectoryRestore.PutUploads(Path.Combine(staging.FullName, "uploads"), uploadsDirectory);
            }

            progress?.Report($"Restored {allPlans.Count} database(s){(includeUploads ? $" and {files} uploaded files" : "")} to {DatabaseTimeline.Format(at)}");
            return new PlatformRestoreResult(at, [.. allPlans.Select(p => new RestoredDatabase(p.Database, p.ResolvedTo, p.Generation.Id, p.Segments.Count))], files);
        }
        finally
        {
            mongo?.Dispose();
            staging.Delete(recursive: true);
        }
    }

    /// <summary>
    /// For the database that holds the account-deletion log (Auth's): the deletions in the replica's
    /// newest state that the restored state lacks: accounts erased after the instant, to erase again.
    /// </summary>
    private static async Task<ErasuresToReapply?> ErasedSinceAsync(
        IReplicaTarget target, DatabaseTimeline timeline, RestorePlan plan, string restored, string staging, CancellationToken cancellationToken)
    {
        if (!HasTable(restored, ErasuresToReapply.DeletionLogTable) || timeline.RestorableTo is not { } newest || newest <= plan.ResolvedTo)
        {
            return null;
        }

        var latest = Path.Combine(staging, plan.Database + ".newest" + SqliteFiles.Extension);
        await SqliteReplicaRestore.RestoreAsync(target, timeline.Plan(newest), latest, null, cancellationToken);
        var before = Deletions(restored).Select(d => d.SubjectHash).ToHashSet(StringComparer.Ordinal);
        var later = Deletions(latest).Where(d => !before.Contains(d.SubjectHash)).ToList();
        SqliteConnection.ClearAllPools();
        File.Delete(latest);
        return new ErasuresToReapply(later);
    }

    private static bool HasTable(string database, string table)
    {
        using var connection = SqliteInspection.OpenReadOnly(database);
        return SqliteInspection.Tables(connection).Contains(table);
    }

    private static List<ErasureToReapply> Deletions(string database)
    {
        using var connection = SqliteInspection.OpenReadOnly(database);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT SubjectHash, Reason FROM {ErasuresToReapply.DeletionLogTable}";
        using var reader = command.ExecuteReader();
        var deletions = new List<ErasureToReapply>();
        while (reader.Read())
        {
            deletions.Add(new ErasureToReapply(reader.GetString(0), reader.GetString(1)));
        }

        return deletions;
    }

    /// <summary><c>latest</c>, or an ISO-8601 instant (UTC unless it names an offset).</summary>
    public static DateTimeOffset ResolveInstant(string to, IReadOnlyList<DatabaseTimeline> timelines, DateTimeOffset? uploadsThrough)
    {
        if (string.Equals(to, Latest, StringComparison.OrdinalIgnoreCase))
        {
            var ends = timelines.Select(t => t.RestorableTo).Append(uploadsThrough).ToList();
            if (timelines.Any(t => t.RestorableTo is null))
            {
                throw new RestoreOutsideWindowException($"Nothing restorable yet for {string.Join(", ", timelines.Where(t => t.RestorableTo is null).Select(t => t.Database))}.");
            }

            return ends.Where(e => e is not null).Min()!.Value;
        }

        if (!DateTimeOffset.TryParse(to, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            throw new RestoreOutsideWindowException($"'{to}' is not an instant: give an ISO-8601 time such as 2026-12-03T14:00:00Z, or 'latest'.");
        }

        return at;
    }

    /// <summary>
    /// The stored names the restored Offers database (the one with the application files) refers to,
    /// or null when it was not restored. A file
    /// written in the last moments before the instant, by a request whose commit is recorded after it,
    /// is in the replica at the instant but named by no restored row: it is left out.
    /// </summary>
    private static HashSet<string>? ReferencedUploads(string staging)
    {
        var offers = Directory.GetFiles(staging, "*" + SqliteFiles.Extension).FirstOrDefault(d => HasTable(d, ApplicationFilesTable));
        if (offers is null)
        {
            return null;
        }

        using var connection = SqliteInspection.OpenReadOnly(offers);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT StoredName FROM {ApplicationFilesTable}";
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private const string ApplicationFilesTable = "application_files";

    private static async Task<int> StageUploadsAsync(
        IReplicaTarget target, DateTimeOffset at, HashSet<string>? referenced, string folder, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var present = UploadEvents.Present(await UploadEvents.ReadAsync(target, cancellationToken), at);
        if (referenced is not null)
        {
            present.IntersectWith(referenced);
        }

        foreach (var name in present.Order(StringComparer.Ordinal))
        {
            await using var source = await target.OpenReadAsync(ReplicaLayout.UploadFile(name), cancellationToken)
                ?? throw new RestoreOutsideWindowException($"The uploaded file {name} is recorded at {DatabaseTimeline.Format(at)} but missing from the replica.");
            await using var file = new FileStream(ReplicaNames.PathUnder(folder, name), FileMode.CreateNew, FileAccess.Write);
            await source.CopyToAsync(file, cancellationToken);
        }

        progress?.Report($"uploads: {present.Count} files present at {DatabaseTimeline.Format(at)}");
        return present.Count;
    }
}
