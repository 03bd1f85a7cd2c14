namespace TalentLink.Reports.Model;

public enum ReportStatus
{
    /// <summary>Waiting in the queue.</summary>
    Open,

    /// <summary>An admin took it.</summary>
    InReview,

    /// <summary>A decision was taken (and applied in the owning service).</summary>
    Resolved,

    /// <summary>Closed without action.</summary>
    Dismissed,
}
