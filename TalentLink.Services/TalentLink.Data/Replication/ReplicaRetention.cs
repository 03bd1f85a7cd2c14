using Microsoft.Extensions.Logging;

namespace TalentLink.Data.Replication;

/// <summary>
/// Prunes a database's replica to the retention window without removing what the oldest restorable
/// instant needs: the newest snapshot taken at or before the cut-off stays, with every segment after
/// it; older snapshots, older segments and whole older generations go.
/// </summary>
public static class ReplicaRetention
{
    public static async Task<int> PruneAsync(IReplicaTarget target, string database, DateTimeOffset cutoff, ILogger logger, CancellationToken cancellationToken = default)
    {
        var timeline = await DatabaseTimeline.ReadAsync(target, database, cancellationToken);
        var anchor = timeline.Generations
            .SelectMany(g => g.Snapshots.Select(s => (Generation: g, Snapshot: s)))
            .Where(x => x.Snapshot.At <= cutoff)
            .OrderBy(x => x.Snapshot.At)
            .LastOrDefault();
        if (anchor.Generation is null)
        {
            return 0;
        }

        var doomed = new List<string>();
        foreach (var generation in timeline.Generations)
        {
            if (string.CompareOrdinal(generation.Id, anchor.Generation.Id) < 0)
            {
                doomed.AddRange(generation.Snapshots.Select(s => s.Name).Concat(generation.Segments.Select(s => s.Name)));
            }
            else if (generation.Id == anchor.Generation.Id)
            {
                doomed.AddRange(generation.Snapshots.Where(s => s.Index < anchor.Snapshot.Index || (s.Index == anchor.Snapshot.Index && s.At < anchor.Snapshot.At)).Select(s => s.Name));
                doomed.AddRange(generation.Segments.Where(s => s.Index <= anchor.Snapshot.Index).Select(s => s.Name));
            }
        }

        foreach (var name in doomed)
        {
            await target.DeleteAsync(name, cancellationToken);
        }

        if (doomed.Count > 0)
        {
            logger.LogInformation("Continuous backup of {Database}: pruned {Count} objects older than {Cutoff}.", database, doomed.Count, cutoff);
        }

        return doomed.Count;
    }
}
