using System.Globalization;

namespace TalentLink.Profiles.Services;

/// <summary>
/// Candidate search criteria, validated and normalised. Every requested skill must match; location
/// matches part of the candidate's location, case-insensitively (through the stored lower-case copy);
/// <c>availability=immediately</c> means available today, which includes a start date already past;
/// <c>availableBy</c> keeps candidates who can start on or before that date.
/// </summary>
public sealed record CandidateSearch(IReadOnlyList<string> Skills, string? Location, Availability? Availability, DateOnly? AvailableBy)
{
    public static ValidationErrors Validate(CandidateSearchRequest request, PageRequest page, out CandidateSearch search)
    {
        var errors = new ValidationErrors();
        foreach (var (field, messages) in page.Validate() ?? [])
        {
            foreach (var message in messages)
            {
                errors.Add(field, message);
            }
        }

        IReadOnlyList<string> skills = [];
        if (!string.IsNullOrWhiteSpace(request.Skills))
        {
            skills = SkillNames.Normalize(request.Skills.Split(','), SkillNames.MaxPerSearch, out var skillError);
            if (skillError is not null)
            {
                errors.Add("skills", skillError);
            }
        }

        var location = errors.Text("location", request.Location, CandidateProfileValidator.LocationMaxLength)?.ToLowerInvariant();

        Availability? availability = null;
        if (!string.IsNullOrWhiteSpace(request.Availability))
        {
            if (WireEnum.TryParse<Availability>(request.Availability, out var parsed))
            {
                availability = parsed;
            }
            else
            {
                errors.Add("availability", $"availability must be one of {WireEnum.OneOf(WireEnum.All<Availability>())}.");
            }
        }

        DateOnly? availableBy = null;
        if (!string.IsNullOrWhiteSpace(request.AvailableBy))
        {
            if (DateOnly.TryParseExact(request.AvailableBy.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                availableBy = date;
            }
            else
            {
                errors.Add("availableBy", "availableBy must be a date written yyyy-MM-dd, such as 2027-01-31.");
            }
        }

        search = new CandidateSearch(skills, location, availability, availableBy);
        return errors;
    }

    public IQueryable<CandidateProfile> Apply(IQueryable<CandidateProfile> profiles, DateOnly today)
    {
        foreach (var skill in Skills)
        {
            profiles = profiles.Where(p => p.Skills.Any(s => s.Name == skill));
        }

        if (Location is not null)
        {
            profiles = profiles.Where(p => p.LocationNormalized != null && p.LocationNormalized.Contains(Location));
        }

        switch (Availability)
        {
            case Model.Availability.Immediately:
                profiles = AvailableOnOrBefore(profiles, today);
                break;
            case { } status:
                profiles = profiles.Where(p => p.Availability == status);
                break;
        }

        if (AvailableBy is { } date)
        {
            profiles = AvailableOnOrBefore(profiles, date);
        }

        return profiles;
    }

    private static IQueryable<CandidateProfile> AvailableOnOrBefore(IQueryable<CandidateProfile> profiles, DateOnly date) =>
        profiles.Where(p => p.Availability == Model.Availability.Immediately
            || (p.Availability == Model.Availability.FromDate && p.AvailableFrom <= date));
}
