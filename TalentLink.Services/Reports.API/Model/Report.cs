namespace TalentLink.Reports.Model;

/// <summary>One user's abuse report about one target.</summary>
public sealed class Report
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ReporterId { get; set; }

    public ReportTargetType TargetType { get; set; }

    public Guid TargetId { get; set; }

    public ReportCategory Category { get; set; }

    public required string Description { get; set; }

    public ReportStatus Status { get; set; }

    public Guid? AssignedToId { get; set; }

    public ModerationDecision? Decision { get; set; }

    public string? ResolutionNote { get; set; }

    public Guid? ClosedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Bumped on every change: two admins acting at once cannot both win.</summary>
    public int Version { get; set; }

    public bool IsActive => Status is ReportStatus.Open or ReportStatus.InReview;

    public void Close(ReportStatus status, ModerationDecision? decision, string note, Guid adminId, DateTimeOffset now)
    {
        Status = status;
        Decision = decision;
        ResolutionNote = note;
        ClosedById = adminId;
        ClosedAt = now;
        UpdatedAt = now;
        Version++;
    }
}
