namespace TalentLink.Reports.Services;

/// <summary>
/// A user's data in Reports: the reports they filed (exported without who else reported the same
/// target, and never the reports about them). Erasing keeps every report for moderation but
/// detaches it: the reporter, a target that is the user (their profile or account) and an admin
/// who handled reports are replaced by an anonymous id.
/// </summary>
public sealed class ReportsPersonalData(ReportContext context, ILogger<ReportsPersonalData> logger) : IPersonalDataStore
{
    public async Task<object> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var filed = await context.Reports.AsNoTracking()
            .Where(r => r.ReporterId == userId)
            .OrderBy(r => r.CreatedAt)
            .ToListAsync(cancellationToken);
        return new ReportsExport(filed.Select(MyReportResponse.From).ToList());
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        var anonymous = Guid.NewGuid();
        var strategy = context.Database.CreateExecutionStrategy();
        var (filed, about) = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var filed = await context.Reports.Where(r => r.ReporterId == userId)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.ReporterId, anonymous), cancellationToken);
            var about = await context.Reports
                .Where(r => r.TargetId == userId && (r.TargetType == ReportTargetType.Profile || r.TargetType == ReportTargetType.User))
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.TargetId, anonymous), cancellationToken);
            await context.Reports.Where(r => r.AssignedToId == userId)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.AssignedToId, anonymous), cancellationToken);
            await context.Reports.Where(r => r.ClosedById == userId)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.ClosedById, anonymous), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (filed, about);
        });

        logger.LogInformation("Erased personal data: {Filed} reports filed and {About} reports about the user detached", filed, about);
    }
}

public sealed record ReportsExport(IReadOnlyList<MyReportResponse> ReportsFiled);
