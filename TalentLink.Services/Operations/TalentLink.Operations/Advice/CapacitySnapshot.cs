using TalentLink.Operations.Catalog;

namespace TalentLink.Operations.Advice;

/// <summary>What is known about one service's load: measured now (file size) and persisted by the service (peaks).</summary>
public sealed record ServiceCapacity(string Database, DatabaseProvider Provider, long SizeBytes, int PeakActiveUsers, double LockWaitShare, DateTimeOffset? ObservedSince);

public sealed record CapacitySnapshot(IReadOnlyList<ServiceCapacity> Services, long UploadBytes)
{
    public long TotalBytes => Services.Sum(s => s.SizeBytes) + UploadBytes;

    /// <summary>
    /// Every known service: the discovered contexts and the data directory's files, with the
    /// <c>*.capacity.json</c> figures the services persist (see TalentLink.Data's CapacityStats).
    /// </summary>
    public static CapacitySnapshot Read(DataSources sources, IReadOnlyList<ServiceContext> services)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        names.UnionWith(services.Select(s => s.DatabaseName));
        names.UnionWith(sources.SqliteFiles.Select(f => SqliteFiles.DatabaseNameFor(Path.GetFileName(f))));
        names.UnionWith(sources.PostgresDatabases.Keys);
        if (Directory.Exists(sources.DataDirectory))
        {
            names.UnionWith(Directory.EnumerateFiles(sources.DataDirectory, "*" + CapacityStats.FileSuffix)
                .Select(f => Path.GetFileName(f)[..^CapacityStats.FileSuffix.Length]));
        }

        var result = new List<ServiceCapacity>();
        foreach (var name in names)
        {
            var stats = CapacityStats.Load(CapacityStats.PathFor(sources.DataDirectory, name));
            var file = sources.SqliteFiles.FirstOrDefault(f => SqliteFiles.DatabaseNameFor(Path.GetFileName(f)) == name);
            if (file is null && stats is null)
            {
                continue; // a service that has never run here
            }

            var provider = file is not null ? DatabaseProvider.Sqlite : stats!.Provider;
            var size = file is not null ? FileLength(file) + FileLength(file + "-wal") : stats!.SizeBytes;
            result.Add(new ServiceCapacity(name, stats?.Provider ?? provider, size, stats?.PeakActiveUsers ?? 0, stats?.LockWaitShare ?? 0, stats?.Since));
        }

        var uploads = Directory.Exists(sources.UploadsDirectory)
            ? Directory.EnumerateFiles(sources.UploadsDirectory, "*", SearchOption.AllDirectories).Sum(FileLength)
            : 0;
        return new CapacitySnapshot(result, uploads);
    }

    private static long FileLength(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
