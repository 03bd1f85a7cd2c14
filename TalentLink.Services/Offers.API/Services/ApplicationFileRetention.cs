using Microsoft.Extensions.Options;

namespace TalentLink.Offers.Services;

/// <summary>
/// The retention rule for CVs and cover letters: once an offer has been closed for
/// <see cref="RetentionOptions.ApplicationFilesMonths"/>, its applications' files are deleted from
/// the uploads folder. The rows stay (the application and its history are not personal files), so a
/// purged file is recognised as "missing, and its offer closed before the cutoff" (410 on download).
/// </summary>
public sealed class ApplicationFileRetention(
    IServiceScopeFactory scopes, UploadStore uploads, IOptionsMonitor<RetentionOptions> options, ILogger<ApplicationFileRetention> logger)
{
    public RetentionOptions Options => options.CurrentValue;

    /// <summary>Whether a file of an application on <paramref name="offer"/> is past retention at <paramref name="now"/>.</summary>
    public bool IsExpired(Offer offer, DateTimeOffset now) =>
        offer.Status == OfferStatuses.Closed && offer.ClosedAt < Options.CutoffAt(now);

    /// <summary>What <see cref="PurgeAsync"/> would delete now: counts and bytes, nothing touched.</summary>
    public async Task<RetentionPreviewResponse> PreviewAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (cutoff, due) = await DueFilesAsync(now, cancellationToken);
        return Summarise(cutoff, due);
    }

    /// <summary>Deletes the files due at <paramref name="now"/> and logs the counts (never names or content).</summary>
    public async Task<RetentionPreviewResponse> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (cutoff, due) = await DueFilesAsync(now, cancellationToken);
        var removed = Summarise(cutoff, due);
        uploads.Delete(due.Select(f => f.StoredName));
        logger.LogInformation(
            "Retention deleted {Files} application files ({Bytes} bytes) of {Applications} applications on offers closed before {Cutoff:u}",
            removed.Files, removed.Bytes, removed.Applications, cutoff);
        return removed;
    }

    private RetentionPreviewResponse Summarise(DateTimeOffset cutoff, IReadOnlyList<DueFile> due) => new(
        Options.ApplicationFilesMonths, cutoff, due.Select(f => f.ApplicationId).Distinct().Count(), due.Count, due.Sum(f => f.Bytes));

    /// <summary>Files of applications on offers closed before the cutoff that are still in the uploads folder.</summary>
    private async Task<(DateTimeOffset Cutoff, IReadOnlyList<DueFile> Due)> DueFilesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = Options.CutoffAt(now);
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<OffersContext>();
        var files = await context.ApplicationFiles.AsNoTracking()
            .Where(f => context.Applications.Any(a => a.Id == f.ApplicationId
                && a.Offer.Status == OfferStatuses.Closed && a.Offer.ClosedAt < cutoff))
            .Select(f => new { f.ApplicationId, f.StoredName })
            .ToListAsync(cancellationToken);

        var due = new List<DueFile>();
        foreach (var file in files)
        {
            var info = new FileInfo(uploads.PathOf(file.StoredName));
            if (info.Exists)
            {
                due.Add(new DueFile(file.ApplicationId, file.StoredName, info.Length));
            }
        }

        return (cutoff, due);
    }

    private sealed record DueFile(Guid ApplicationId, string StoredName, long Bytes);
}
