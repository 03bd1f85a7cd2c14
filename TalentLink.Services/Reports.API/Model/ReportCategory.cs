namespace TalentLink.Reports.Model;

public enum ReportCategory
{
    Spam,
    Fraud,
    Harassment,
    Discrimination,
    InappropriateContent,
    Other,
}
