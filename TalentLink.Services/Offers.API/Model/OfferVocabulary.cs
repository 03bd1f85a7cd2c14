namespace TalentLink.Offers.Model;

/// <summary>Where the work happens. Stored and exchanged as these strings.</summary>
public static class RemotePolicies
{
    public const string OnSite = "on-site";
    public const string Hybrid = "hybrid";
    public const string Remote = "remote";

    public static readonly IReadOnlyList<string> All = [OnSite, Hybrid, Remote];
}

public static class ContractTypes
{
    public const string Permanent = "permanent";
    public const string FixedTerm = "fixed-term";
    public const string Freelance = "freelance";
    public const string Internship = "internship";
    public const string Apprenticeship = "apprenticeship";

    public static readonly IReadOnlyList<string> All = [Permanent, FixedTerm, Freelance, Internship, Apprenticeship];
}

/// <summary>An offer is written as a draft, published for candidates, then closed.</summary>
public static class OfferStatuses
{
    public const string Draft = "draft";
    public const string Published = "published";
    public const string Closed = "closed";

    public static readonly IReadOnlyList<string> All = [Draft, Published, Closed];
}

/// <summary>How search results are ordered.</summary>
public static class OfferSorts
{
    public const string Newest = "newest";
    public const string Salary = "salary";

    public static readonly IReadOnlyList<string> All = [Newest, Salary];
}
