namespace TalentLink.Profiles.Model;

public sealed record CompanyRequest(string? Name, string? Description, string? Website, string? Location, string? Size);

public sealed record CompanyResponse(
    Guid Id,
    Guid RecruiterId,
    string Name,
    string? Description,
    string? Website,
    string? Location,
    string? Size,
    bool Hidden,
    DateTimeOffset UpdatedAt)
{
    public static CompanyResponse From(Company company) => new(
        company.Id, company.RecruiterId, company.Name, company.Description, company.Website,
        company.Location, company.Size, company.IsHidden, company.UpdatedAt);
}

/// <summary>What other services show of a recruiter's company (the agreed contract with Offers).</summary>
public sealed record CompanySummaryResponse(Guid Id, string Name, string? Location, string? Website)
{
    public static CompanySummaryResponse From(Company company) => new(company.Id, company.Name, company.Location, company.Website);
}
