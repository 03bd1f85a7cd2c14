namespace TalentLink.Offers.Services;

/// <summary>
/// A user's data in Offers. A candidate's applications are withdrawn, their cover letters and
/// files deleted, and the candidate replaced by an anonymous id, so recruiters still see that an
/// application was made and withdrawn, by nobody in particular. A recruiter's offers are closed
/// and kept under an anonymous owner (they describe a job, not a person). Status history entries
/// the user made are re-attributed to the same anonymous id.
/// </summary>
public sealed class OffersPersonalData(OffersContext context, UploadStore uploads, TimeProvider time, ILogger<OffersPersonalData> logger) : IPersonalDataStore
{
    public async Task<object> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var applications = await context.Applications.AsNoTracking().AsSplitQuery()
            .Include(a => a.Offer).Include(a => a.Files).Include(a => a.History)
            .Where(a => a.CandidateId == userId)
            .OrderBy(a => a.SubmittedAt)
            .ToListAsync(cancellationToken);
        var offers = await context.Offers.AsNoTracking().Include(o => o.Skills)
            .Where(o => o.RecruiterId == userId)
            .OrderBy(o => o.CreatedAt)
            .ToListAsync(cancellationToken);
        return new OffersExport(
            applications.Select(a => new ExportedApplication(a.Offer.Title, a.Offer.CompanyName, ApplicationResponse.From(a))).ToList(),
            offers.Select(OfferResponse.From).ToList());
    }

    /// <summary>The content of one of the candidate's own files, for the export archive; null when it is not theirs.</summary>
    public async Task<(ApplicationFile File, string Path)?> FindOwnFileAsync(Guid userId, Guid fileId, CancellationToken cancellationToken)
    {
        var file = await context.ApplicationFiles.AsNoTracking()
            .Where(f => f.Id == fileId && context.Applications.Any(a => a.Id == f.ApplicationId && a.CandidateId == userId))
            .SingleOrDefaultAsync(cancellationToken);
        return file is null ? null : (file, uploads.PathOf(file.StoredName));
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var anonymous = Guid.NewGuid();
        var storedNames = new List<string>();

        var strategy = context.Database.CreateExecutionStrategy();
        var (applications, offers) = await strategy.ExecuteAsync(async () =>
        {
            context.ChangeTracker.Clear();
            storedNames.Clear();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);

            var applications = await context.Applications.Include(a => a.Files).Include(a => a.History)
                .Where(a => a.CandidateId == userId).ToListAsync(cancellationToken);
            foreach (var application in applications)
            {
                storedNames.AddRange(application.Files.Select(f => f.StoredName));
                context.ApplicationFiles.RemoveRange(application.Files);
                application.HandOverTo(anonymous, now);
            }

            var offers = await context.Offers.Where(o => o.RecruiterId == userId).ToListAsync(cancellationToken);
            foreach (var offer in offers)
            {
                offer.HandOverTo(anonymous, now);
            }

            await context.SaveChangesAsync(cancellationToken);
            await context.ApplicationStatusChanges.Where(h => h.ChangedBy == userId)
                .ExecuteUpdateAsync(set => set.SetProperty(h => h.ChangedBy, anonymous), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (applications.Count, offers.Count);
        });

        // Files go once the rows naming them are gone: a failed transaction leaves both in place.
        uploads.Delete(storedNames);
        logger.LogInformation("Erased personal data: {Applications} applications withdrawn, {Files} files deleted, {Offers} offers closed",
            applications, storedNames.Count, offers);
    }
}

public sealed record ExportedApplication(string OfferTitle, string? CompanyName, ApplicationResponse Application);

public sealed record OffersExport(IReadOnlyList<ExportedApplication> Applications, IReadOnlyList<OfferResponse> Offers);
