using System.Text.Json;

namespace TalentLink.Data.Replication;

public sealed record TimelineSnapshot(string Name, long Index, DateTimeOffset At, long Length);

public sealed record TimelineSegment(string Name, long Index, DateTimeOffset At, long Length);

/// <summary>One unbroken chain: snapshots (each the database after segment <c>Index</c>) and the segments after them.</summary>
public sealed record Generation(string Id, IReadOnlyList<TimelineSnapshot> Snapshots, IReadOnlyList<TimelineSegment> Segments)
{
    public DateTimeOffset Start => ReplicaLayout.GenerationStart(Id);

    public DateTimeOffset? RestorableFrom => Snapshots.Count == 0 ? null : Snapshots.Min(s => s.At);

    public DateTimeOffset? LastRecorded => Segments.Select(s => s.At).Concat(Snapshots.Select(s => s.At)).DefaultIfEmpty().Max() is var last && last != default ? last : null;
}

/// <summary>How far a database's replica is complete: every commit before <see cref="Through"/> is in it.</summary>
public sealed record ShippedMark(string Generation, long Index, DateTimeOffset Through);

/// <summary>A hole in the window: commits between the two instants were lost (the log limit was reached while the target was away).</summary>
public sealed record ReplicaGap(DateTimeOffset From, DateTimeOffset To, string Reason);

/// <summary>An instant that cannot be restored, with the reason and the nearest instant that can.</summary>
public sealed class RestoreOutsideWindowException(string message) : Exception(message);

/// <summary>What a restore of one database to an instant reads: a snapshot and the segments after it.</summary>
public sealed record RestorePlan(string Database, Generation Generation, TimelineSnapshot Snapshot, IReadOnlyList<TimelineSegment> Segments, DateTimeOffset ResolvedTo)
{
    /// <summary>The restore's progress line: which snapshot, then how many segments, to which instant.</summary>
    public string Describe() =>
        $"{Database}: snapshot {Snapshot.Index} of generation {Generation.Id} ({DatabaseTimeline.Format(Snapshot.At)}), then {Segments.Count} segments to {DatabaseTimeline.Format(ResolvedTo)}";
}

/// <summary>
/// A database's timeline as the replica holds it: the one truth that status, restore and the
/// dashboard read. Built from the object names (no object is downloaded except the small
/// <c>shipped</c> and gap records).
/// </summary>
public sealed record DatabaseTimeline(string Database, IReadOnlyList<Generation> Generations, ShippedMark? Shipped, IReadOnlyList<ReplicaGap> Gaps, long SizeBytes)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public DateTimeOffset? RestorableFrom => Generations.Select(g => g.RestorableFrom).Where(t => t is not null).Min();

    /// <summary>The newest instant this database can be restored to: how far the replica is known complete.</summary>
    public DateTimeOffset? RestorableTo
    {
        get
        {
            var recorded = Generations.Where(g => g.RestorableFrom is not null).Select(g => g.LastRecorded).Max();
            return Shipped is { } shipped && (recorded is null || shipped.Through > recorded) ? shipped.Through : recorded;
        }
    }

    public static async Task<IReadOnlyList<string>> DatabasesAsync(IReplicaTarget target, CancellationToken cancellationToken = default) =>
        (await target.ListAllAsync(ReplicaLayout.DatabasesPrefix, cancellationToken))
            .Select(o => o.Name[ReplicaLayout.DatabasesPrefix.Length..].Split('/')[0])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    public static async Task<DatabaseTimeline> ReadAsync(IReplicaTarget target, string database, CancellationToken cancellationToken = default)
    {
        var prefix = ReplicaLayout.DatabasePrefix(database);
        var objects = await target.ListAllAsync(prefix, cancellationToken);
        var snapshots = new Dictionary<string, List<TimelineSnapshot>>(StringComparer.Ordinal);
        var segments = new Dictionary<string, List<TimelineSegment>>(StringComparer.Ordinal);
        var gaps = new List<ReplicaGap>();
        foreach (var item in objects)
        {
            var parts = item.Name[prefix.Length..].Split('/');
            if (parts is [var generation, "snapshots", var file] && ReplicaLayout.ParseIndexed(file, ReplicaLayout.SnapshotExtension) is { } snapshot)
            {
                Add(snapshots, generation, new TimelineSnapshot(item.Name, snapshot.Index, snapshot.At, item.Length));
            }
            else if (parts is [var g, "wal", var segmentFile] && ReplicaLayout.ParseIndexed(segmentFile, ReplicaLayout.SegmentExtension) is { } segment)
            {
                Add(segments, g, new TimelineSegment(item.Name, segment.Index, segment.At, item.Length));
            }
            else if (parts is ["gaps", _] && await ReadJsonAsync<ReplicaGap>(target, item.Name, cancellationToken) is { } gap)
            {
                gaps.Add(gap);
            }
        }

        var generations = snapshots.Keys.Union(segments.Keys)
            .Order(StringComparer.Ordinal)
            .Select(id => new Generation(
                id,
                [.. (snapshots.GetValueOrDefault(id) ?? []).OrderBy(s => s.Index).ThenBy(s => s.At)],
                [.. (segments.GetValueOrDefault(id) ?? []).OrderBy(s => s.Index).ThenBy(s => s.At)]))
            .ToList();
        var shipped = await ReadJsonAsync<ShippedMark>(target, ReplicaLayout.Shipped(database), cancellationToken);
        return new DatabaseTimeline(database, generations, shipped, [.. gaps.OrderBy(g => g.From)], objects.Sum(o => o.Length));
    }

    /// <summary>
    /// Resolves an instant: the generation that was live at <paramref name="at"/>, its newest snapshot
    /// taken at or before it, and every segment after that snapshot recorded at or before it — the
    /// last commit recorded at or before the instant. Throws <see cref="RestoreOutsideWindowException"/>
    /// for an instant outside the window, in a recorded gap, or past a missing segment.
    /// </summary>
    public RestorePlan Plan(DateTimeOffset at)
    {
        if (RestorableFrom is not { } from || RestorableTo is not { } to)
        {
            throw new RestoreOutsideWindowException($"{Database}: the replica holds no snapshot yet, so nothing can be restored.");
        }

        if (at < from)
        {
            throw new RestoreOutsideWindowException($"{Database}: {Format(at)} is before the oldest restorable instant, {Format(from)}.");
        }

        if (at > to)
        {
            throw new RestoreOutsideWindowException($"{Database}: {Format(at)} is after the latest restorable instant, {Format(to)}.");
        }

        if (Gaps.FirstOrDefault(g => g.From < at && at < g.To) is { } gap)
        {
            throw new RestoreOutsideWindowException(
                $"{Database}: {Format(at)} falls in a recorded gap ({gap.Reason}) from {Format(gap.From)} to {Format(gap.To)}; the latest instant restorable before it is {Format(gap.From)}.");
        }

        var generation = Generations.Last(g => g.Snapshots.Any(s => s.At <= at));
        var snapshot = generation.Snapshots.Last(s => s.At <= at);
        var chosen = new List<TimelineSegment>();
        var next = snapshot.Index + 1;
        foreach (var group in generation.Segments.Where(s => s.Index > snapshot.Index && s.At <= at).GroupBy(s => s.Index))
        {
            if (group.Key != next)
            {
                var before = chosen.Count > 0 ? chosen[^1].At : snapshot.At;
                throw new RestoreOutsideWindowException(
                    $"{Database}: segment {next} of generation {generation.Id} is missing from the replica; the latest instant restorable before it is {Format(before)}.");
            }

            chosen.Add(group.Last());
            next++;
        }

        return new RestorePlan(Database, generation, snapshot, chosen, chosen.Count > 0 ? chosen[^1].At : snapshot.At);
    }

    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    private static async Task<T?> ReadJsonAsync<T>(IReplicaTarget target, string name, CancellationToken cancellationToken) where T : class
    {
        var bytes = await target.GetBytesAsync(name, cancellationToken);
        return bytes is null ? null : JsonSerializer.Deserialize<T>(bytes, Json);
    }
}
