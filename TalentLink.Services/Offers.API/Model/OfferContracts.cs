namespace TalentLink.Offers.Model;

/// <summary>Create or edit an offer. Every field is required; skills may be empty.</summary>
public sealed record OfferRequest(
    string? Title,
    string? Description,
    string? Location,
    string? Remote,
    string? ContractType,
    int? SalaryMin,
    int? SalaryMax,
    string? Currency,
    IReadOnlyList<string>? Skills);

public sealed record SalaryRange(int Min, int Max, string Currency);

public sealed record CompanySummary(Guid Id, string Name);

/// <summary>
/// An offer as clients see it. <see cref="Company"/> is what Profiles said when the offer was last
/// written; <see cref="CompanyUnavailable"/> is true when Profiles could not be reached then, so the
/// company is unknown rather than absent.
/// </summary>
public sealed record OfferResponse(
    Guid Id,
    Guid RecruiterId,
    string Title,
    string Description,
    string Location,
    string Remote,
    string ContractType,
    SalaryRange Salary,
    IReadOnlyList<string> Skills,
    string Status,
    CompanySummary? Company,
    bool CompanyUnavailable,
    bool Hidden,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? ClosedAt)
{
    public static OfferResponse From(Offer offer) => new(
        offer.Id,
        offer.RecruiterId,
        offer.Title,
        offer.Description,
        offer.Location,
        offer.Remote,
        offer.ContractType,
        new SalaryRange(offer.SalaryMin, offer.SalaryMax, offer.Currency),
        offer.Skills.Select(s => s.Name).Order(StringComparer.Ordinal).ToList(),
        offer.Status,
        offer is { CompanyId: { } id, CompanyName: { } name } ? new CompanySummary(id, name) : null,
        offer.CompanyUnavailable,
        offer.IsHidden,
        offer.CreatedAt,
        offer.UpdatedAt,
        offer.PublishedAt,
        offer.ClosedAt);
}

public sealed record HasAppliedResponse(bool HasApplied);
public sealed record OfferStatisticsResponse(IReadOnlyDictionary<string, int> OffersByStatus, IReadOnlyDictionary<string, int> ApplicationsByStatus);
