namespace TalentLink.Offers.Model;

/// <summary>A job offer written by a recruiter. Salaries are whole yearly amounts in <see cref="Currency"/>.</summary>
public sealed class Offer
{
    public Guid Id { get; set; }

    /// <summary>The recruiter (Auth user id) who owns the offer.</summary>
    public Guid RecruiterId { get; set; }

    public required string Title { get; set; }

    public required string Description { get; set; }

    public required string Location { get; set; }

    /// <summary><see cref="Location"/> lower-cased, so filtering is case-insensitive on every provider.</summary>
    public required string LocationNormalized { get; set; }

    public required string Remote { get; set; }

    public required string ContractType { get; set; }

    public int SalaryMin { get; set; }

    public int SalaryMax { get; set; }

    public required string Currency { get; set; }

    public string Status { get; set; } = OfferStatuses.Draft;

    /// <summary>The company as Profiles last described it (see <see cref="CompanyUnavailable"/>).</summary>
    public Guid? CompanyId { get; set; }

    public string? CompanyName { get; set; }

    /// <summary>True when Profiles could not be reached the last time the company was looked up.</summary>
    public bool CompanyUnavailable { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Set by an admin: the offer is visible only to its owner and admins.</summary>
    public DateTimeOffset? HiddenAt { get; set; }

    public List<OfferSkill> Skills { get; set; } = [];

    public List<JobApplication> Applications { get; set; } = [];

    public bool IsHidden => HiddenAt is not null;

    /// <summary>A draft goes live: candidates find it and may apply.</summary>
    public void Publish(DateTimeOffset now)
    {
        EnsureStatus(OfferStatuses.Draft, "published");
        Status = OfferStatuses.Published;
        PublishedAt = now;
        UpdatedAt = now;
    }

    /// <summary>A published offer stops taking applications; those made stay with their files until retention.</summary>
    public void Close(DateTimeOffset now)
    {
        EnsureStatus(OfferStatuses.Published, "closed");
        CloseAt(now);
    }

    /// <summary>Its recruiter's account is erased: the offer closes (whatever its state) and keeps an anonymous owner.</summary>
    public void HandOverTo(Guid anonymousOwner, DateTimeOffset now)
    {
        if (Status != OfferStatuses.Closed)
        {
            CloseAt(now);
        }

        RecruiterId = anonymousOwner;
        UpdatedAt = now;
    }

    private void CloseAt(DateTimeOffset now)
    {
        Status = OfferStatuses.Closed;
        ClosedAt = now;
        UpdatedAt = now;
    }

    private void EnsureStatus(string expected, string change)
    {
        if (Status != expected)
        {
            throw new InvalidOperationException($"Only a {expected} offer can be {change}; this offer is {Status}.");
        }
    }
}

/// <summary>One required skill of an offer, lower-cased.</summary>
public sealed class OfferSkill
{
    public Guid OfferId { get; set; }

    public required string Name { get; set; }
}
