namespace TalentLink.Reports.Model;

public static class ReportLimits
{
    public const int DescriptionMaxLength = 2000;
    public const int NoteMaxLength = 2000;
}

public sealed record CreateReportRequest(string? TargetType, Guid? TargetId, string? Category, string? Description);

public sealed record ResolveReportRequest(string? Decision, string? Note);

public sealed record DismissReportRequest(string? Note);

/// <summary>A report as its reporter sees it: never who else reported, nor the admins' notes.</summary>
public sealed record MyReportResponse(
    Guid Id, string TargetType, Guid TargetId, string Category, string Description, string Status,
    string? Decision, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ClosedAt)
{
    public static MyReportResponse From(Report report) => new(
        report.Id, WireEnum.Name(report.TargetType), report.TargetId, WireEnum.Name(report.Category), report.Description,
        WireEnum.Name(report.Status), report.Decision is { } d ? WireEnum.Name(d) : null, report.CreatedAt, report.UpdatedAt, report.ClosedAt);
}

/// <summary>A report in the admins' queue, with how many distinct users currently report the same target.</summary>
public sealed record QueuedReportResponse(
    Guid Id, Guid ReporterId, string TargetType, Guid TargetId, string Category, string Description, string Status,
    int TargetReporterCount, Guid? AssignedToId, string? Decision, string? ResolutionNote, Guid? ClosedById,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ClosedAt)
{
    public static QueuedReportResponse From(Report report, int targetReporterCount) => new(
        report.Id, report.ReporterId, WireEnum.Name(report.TargetType), report.TargetId, WireEnum.Name(report.Category),
        report.Description, WireEnum.Name(report.Status), targetReporterCount, report.AssignedToId,
        report.Decision is { } d ? WireEnum.Name(d) : null, report.ResolutionNote, report.ClosedById,
        report.CreatedAt, report.UpdatedAt, report.ClosedAt);
}

/// <summary>
/// Platform figures for a date range. A section another service could not provide is null and its
/// service is listed in <see cref="Unavailable"/>; the rest is still answered.
/// </summary>
public sealed record StatisticsResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyDictionary<string, int>? UsersByRole,
    IReadOnlyDictionary<string, int>? OffersByStatus,
    IReadOnlyDictionary<string, int>? ApplicationsByStatus,
    IReadOnlyDictionary<string, int> ReportsByStatus,
    IReadOnlyList<string> Unavailable);
