namespace TalentLink.Profiles.Model;

/// <summary>The whole candidate profile; <c>PUT /api/profiles/me</c> replaces what was there.</summary>
public sealed record UpsertCandidateProfileRequest(
    string? Headline,
    string? Summary,
    string? Location,
    IReadOnlyList<string?>? Skills,
    IReadOnlyList<ExperienceEntryRequest?>? Experience,
    IReadOnlyList<EducationEntryRequest?>? Education,
    string? Availability,
    DateOnly? AvailableFrom,
    string? Visibility);

public sealed record ExperienceEntryRequest(string? Title, string? Company, DateOnly? StartDate, DateOnly? EndDate, string? Description);

public sealed record EducationEntryRequest(string? School, string? Degree, DateOnly? StartDate, DateOnly? EndDate);

public sealed record CandidateProfileResponse(
    Guid UserId,
    string Headline,
    string? Summary,
    string? Location,
    IReadOnlyList<string> Skills,
    IReadOnlyList<ExperienceEntryResponse> Experience,
    IReadOnlyList<EducationEntryResponse> Education,
    string Availability,
    DateOnly? AvailableFrom,
    string Visibility,
    bool Hidden,
    DateTimeOffset UpdatedAt)
{
    public static CandidateProfileResponse From(CandidateProfile profile) => new(
        profile.UserId,
        profile.Headline,
        profile.Summary,
        profile.Location,
        profile.Skills.Select(s => s.Name).Order(StringComparer.Ordinal).ToList(),
        profile.Experience.OrderBy(e => e.Position)
            .Select(e => new ExperienceEntryResponse(e.Title, e.Company, e.StartDate, e.EndDate, e.Description)).ToList(),
        profile.Education.OrderBy(e => e.Position)
            .Select(e => new EducationEntryResponse(e.School, e.Degree, e.StartDate, e.EndDate)).ToList(),
        WireEnum.Name(profile.Availability),
        profile.AvailableFrom,
        WireEnum.Name(profile.Visibility),
        profile.IsHidden,
        profile.UpdatedAt);
}

public sealed record ExperienceEntryResponse(string Title, string Company, DateOnly StartDate, DateOnly? EndDate, string? Description);

public sealed record EducationEntryResponse(string School, string? Degree, DateOnly StartDate, DateOnly? EndDate);

/// <summary>One row of a candidate search.</summary>
public sealed record CandidateSummaryResponse(
    Guid UserId,
    string Headline,
    string? Location,
    IReadOnlyList<string> Skills,
    string Availability,
    DateOnly? AvailableFrom,
    DateTimeOffset UpdatedAt)
{
    public static CandidateSummaryResponse From(CandidateProfile profile) => new(
        profile.UserId,
        profile.Headline,
        profile.Location,
        profile.Skills.Select(s => s.Name).Order(StringComparer.Ordinal).ToList(),
        WireEnum.Name(profile.Availability),
        profile.AvailableFrom,
        profile.UpdatedAt);
}

/// <summary>The query string of <c>GET /api/profiles/candidates</c>.</summary>
/// <remarks>Values are read as text and checked by <see cref="CandidateSearch"/>, so a bad one gets a precise message.</remarks>
public sealed record CandidateSearchRequest(string? Skills, string? Location, string? Availability, string? AvailableBy);
