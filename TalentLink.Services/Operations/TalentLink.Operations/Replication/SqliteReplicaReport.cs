using System.Text;
using TalentLink.Data.Replication;

namespace TalentLink.Operations.Replication;

/// <summary>One database's (or the uploads') line in <c>backup status</c>.</summary>
public sealed record ReplicaStatusLine(
    string Name, DateTimeOffset? LastShipped, TimeSpan? Lag, DateTimeOffset? RestorableFrom, DateTimeOffset? RestorableTo,
    long SizeBytes, int Generations, string? CurrentGeneration, IReadOnlyList<ReplicaGap> Gaps);

public sealed record SqliteReplicaReport(string Target, string KeyFingerprint, DateTimeOffset Now, IReadOnlyList<ReplicaStatusLine> Lines, DateTimeOffset? Latest)
{
    /// <summary>Reads the whole replica's state: per database, the last shipped commit, lag, restorable window, size, timelines and gaps.</summary>
    public static async Task<SqliteReplicaReport> ReadAsync(EncryptedReplicaTarget target, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var lines = new List<ReplicaStatusLine>();
        var timelines = new List<DatabaseTimeline>();
        foreach (var name in await DatabaseTimeline.DatabasesAsync(target, cancellationToken))
        {
            var timeline = await DatabaseTimeline.ReadAsync(target, name, cancellationToken);
            timelines.Add(timeline);
            var shipped = timeline.RestorableTo;
            lines.Add(new ReplicaStatusLine(name, shipped, shipped is { } s ? now - s : null, timeline.RestorableFrom, shipped, timeline.SizeBytes,
                timeline.Generations.Count, timeline.Generations.LastOrDefault()?.Id, timeline.Gaps));
        }

        var uploads = await UploadEvents.ShippedThroughAsync(target, cancellationToken);
        if (uploads is not null)
        {
            var size = (await target.ListAllAsync("uploads/", cancellationToken)).Sum(o => o.Length);
            lines.Add(new ReplicaStatusLine("uploads", uploads, now - uploads, null, uploads, size, 0, null, []));
        }

        DateTimeOffset? latest = null;
        if (timelines.Count > 0 && timelines.All(t => t.RestorableTo is not null))
        {
            latest = PlatformRestore.ResolveInstant(PlatformRestore.Latest, timelines, uploads);
        }

        return new SqliteReplicaReport(target.Description, target.Cipher.Key.Fingerprint, now, lines, latest);
    }

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine($"Continuous backup to {Target}");
        text.AppendLine($"Key fingerprint: {KeyFingerprint}");
        text.AppendLine($"Restorable now to: {(Latest is { } l ? DatabaseTimeline.Format(l) + " (latest: every database and the uploads shipped)" : "nothing yet")}");
        text.AppendLine();
        text.AppendLine($"{"store",-12} {"last shipped",-25} {"lag",9} {"restorable from",-25} {"size",10}  timelines");
        foreach (var line in Lines)
        {
            text.AppendLine($"{line.Name,-12} {Show(line.LastShipped),-25} {(line.Lag is { } lag ? $"{lag.TotalSeconds:0.0} s" : "—"),9} {Show(line.RestorableFrom),-25} {Size(line.SizeBytes),10}  "
                + (line.Generations > 0 ? $"{line.Generations} (current {line.CurrentGeneration})" : ""));
            foreach (var gap in line.Gaps)
            {
                text.AppendLine($"{"",12} GAP {DatabaseTimeline.Format(gap.From)} → {DatabaseTimeline.Format(gap.To)}: {gap.Reason}");
            }
        }

        return text.ToString();
    }

    private static string Show(DateTimeOffset? at) => at is { } value ? DatabaseTimeline.Format(value) : "—";

    private static string Size(long bytes) => bytes >= 1 << 30 ? $"{bytes / (double)(1 << 30):0.0} GB" : bytes >= 1 << 20 ? $"{bytes / (double)(1 << 20):0.0} MB" : $"{bytes / 1024.0:0.0} KB";
}
