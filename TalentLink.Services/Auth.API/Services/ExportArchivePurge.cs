using Microsoft.Extensions.Options;

namespace TalentLink.Auth.Services;

/// <summary>
/// Deletes export archives once their download link expires (the row turns <c>expired</c> and stops
/// naming the file, and only after that commits is the file deleted), and archives or partial files
/// no row names any more (an account deleted with its exports, a build cut short), once they are an
/// hour old so an archive being built is never taken.
/// </summary>
public sealed class ExportArchivePurge(AuthContext context, ExportArchiveStore archives, ILogger<ExportArchivePurge> logger)
{
    private static readonly TimeSpan OrphanAge = TimeSpan.FromHours(1);

    /// <summary>Purges what is due at <paramref name="now"/>; returns how many files were deleted.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = await context.DataExports
            .Where(e => e.Status == DataExportStatuses.Ready && e.ExpiresAt <= now)
            .ToListAsync(cancellationToken);
        var names = new List<string>();
        foreach (var export in expired)
        {
            names.AddRange(Expire(export));
        }

        await context.SaveChangesAsync(cancellationToken);
        names.ForEach(archives.Delete);

        var old = archives.WrittenBefore(now - OrphanAge).ToList();
        var ids = old.Select(f => f.ExportId).Distinct().ToList();
        var named = (await context.DataExports.AsNoTracking()
                .Where(e => ids.Contains(e.Id) && e.ArchiveName != null)
                .Select(e => e.ArchiveName!)
                .ToListAsync(cancellationToken))
            .Select(archives.PathOf).ToHashSet();
        var orphans = old.Where(f => !named.Contains(f.Path)).ToList();
        orphans.ForEach(f => archives.DeleteFile(f.Path));

        if (names.Count + orphans.Count > 0)
        {
            logger.LogInformation("Export purge deleted {Expired} expired archives and {Orphans} archives no export names", names.Count, orphans.Count);
        }

        return names.Count + orphans.Count;
    }

    /// <summary>Marks a ready export expired; returns the archive to delete once that is saved.</summary>
    public static IEnumerable<string> Expire(DataExport export)
    {
        export.Status = DataExportStatuses.Expired;
        var name = export.ArchiveName;
        export.ArchiveName = null;
        return name is null ? [] : [name];
    }
}

/// <summary>Runs <see cref="ExportArchivePurge"/> on <see cref="PersonalDataOptions.ExportPurgeSchedule"/>.</summary>
public sealed class ExportArchivePurgeJob(IServiceScopeFactory scopeFactory, IOptionsMonitor<PersonalDataOptions> options, TimeProvider time, ILogger<ExportArchivePurgeJob> logger)
    : ScheduledJob(time, logger)
{
    protected override string Name => "export purge";

    protected override string Schedule => options.CurrentValue.ExportPurgeSchedule;

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ExportArchivePurge>().PurgeAsync(Time.GetUtcNow(), cancellationToken);
    }
}
