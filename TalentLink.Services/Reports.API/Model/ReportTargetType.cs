namespace TalentLink.Reports.Model;

/// <summary>What a report is about; the target id is that thing's id in its owning service (a profile's id is its user's id).</summary>
public enum ReportTargetType
{
    Offer,
    Profile,
    Message,
    User,
}
