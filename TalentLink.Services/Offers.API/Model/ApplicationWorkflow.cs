namespace TalentLink.Offers.Model;

public static class ApplicationStatuses
{
    public const string Submitted = "submitted";
    public const string InReview = "in-review";
    public const string Interview = "interview";
    public const string Offered = "offered";
    public const string Rejected = "rejected";
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> All = [Submitted, InReview, Interview, Offered, Rejected, Withdrawn];
}

/// <summary>
/// The application workflow: submitted → in-review → interview → offered, with rejected possible at
/// every recruiter step; the candidate may withdraw until the application is rejected or withdrawn.
/// The recruiter owning the offer moves it forward; only the candidate withdraws.
/// </summary>
public static class ApplicationWorkflow
{
    private static readonly Dictionary<string, string[]> RecruiterMoves = new()
    {
        [ApplicationStatuses.Submitted] = [ApplicationStatuses.InReview, ApplicationStatuses.Rejected],
        [ApplicationStatuses.InReview] = [ApplicationStatuses.Interview, ApplicationStatuses.Rejected],
        [ApplicationStatuses.Interview] = [ApplicationStatuses.Offered, ApplicationStatuses.Rejected],
    };

    private static readonly string[] Withdrawable =
        [ApplicationStatuses.Submitted, ApplicationStatuses.InReview, ApplicationStatuses.Interview, ApplicationStatuses.Offered];

    public static bool RecruiterMay(string from, string to) =>
        RecruiterMoves.TryGetValue(from, out var next) && next.Contains(to);

    public static bool CandidateMay(string from, string to) =>
        to == ApplicationStatuses.Withdrawn && Withdrawable.Contains(from);

    /// <summary>The statuses the recruiter may set next (for error messages and clients).</summary>
    public static IReadOnlyList<string> RecruiterNext(string from) =>
        RecruiterMoves.TryGetValue(from, out var next) ? next : [];
}
