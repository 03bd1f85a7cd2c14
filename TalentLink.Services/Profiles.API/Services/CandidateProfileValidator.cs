namespace TalentLink.Profiles.Services;

/// <summary>Checks a profile upsert and produces its normalised content; nothing is written unless it is valid.</summary>
public static class CandidateProfileValidator
{
    public const int HeadlineMaxLength = 120;
    public const int SummaryMaxLength = 4000;
    public const int LocationMaxLength = 100;
    public const int MaxExperienceEntries = 30;
    public const int MaxEducationEntries = 20;
    public const int EntryTextMaxLength = 120;
    public const int EntryDescriptionMaxLength = 2000;

    public static ValidationErrors Validate(UpsertCandidateProfileRequest request, out ValidCandidateProfile profile)
    {
        var errors = new ValidationErrors();
        var headline = errors.Text("headline", request.Headline, HeadlineMaxLength, required: true);
        var summary = errors.Text("summary", request.Summary, SummaryMaxLength, multiline: true);
        var location = errors.Text("location", request.Location, LocationMaxLength);

        var skills = SkillNames.Normalize(request.Skills ?? [], SkillNames.MaxPerProfile, out var skillError);
        if (skillError is not null)
        {
            errors.Add("skills", skillError);
        }

        var availability = Availability.Immediately;
        if (request.Availability is not null && !WireEnum.TryParse(request.Availability, out availability))
        {
            errors.Add("availability", $"availability must be one of {WireEnum.OneOf(WireEnum.All<Availability>())}.");
        }
        else if (availability == Availability.FromDate && request.AvailableFrom is null)
        {
            errors.Add("availableFrom", "availableFrom is required when availability is 'from-date'.");
        }
        else if (availability != Availability.FromDate && request.AvailableFrom is not null)
        {
            errors.Add("availableFrom", "availableFrom is only allowed when availability is 'from-date'.");
        }

        ProfileVisibility? visibility = null;
        if (request.Visibility is not null)
        {
            if (WireEnum.TryParse<ProfileVisibility>(request.Visibility, out var parsed))
            {
                visibility = parsed;
            }
            else
            {
                errors.Add("visibility", $"visibility must be one of {WireEnum.OneOf(WireEnum.All<ProfileVisibility>())}.");
            }
        }

        var experience = new List<ExperienceEntry>();
        var experienceRequests = request.Experience ?? [];
        if (experienceRequests.Count > MaxExperienceEntries)
        {
            errors.Add("experience", $"At most {MaxExperienceEntries} experience entries are allowed; {experienceRequests.Count} were given.");
        }
        else
        {
            for (var i = 0; i < experienceRequests.Count; i++)
            {
                var field = $"experience[{i}]";
                if (experienceRequests[i] is not { } entry)
                {
                    errors.Add(field, $"{field} is empty.");
                    continue;
                }

                var title = errors.Text($"{field}.title", entry.Title, EntryTextMaxLength, required: true);
                var company = errors.Text($"{field}.company", entry.Company, EntryTextMaxLength, required: true);
                var description = errors.Text($"{field}.description", entry.Description, EntryDescriptionMaxLength, multiline: true);
                errors.Period(field, entry.StartDate, entry.EndDate);
                experience.Add(new ExperienceEntry
                {
                    Position = i,
                    Title = title ?? "",
                    Company = company ?? "",
                    StartDate = entry.StartDate.GetValueOrDefault(),
                    EndDate = entry.EndDate,
                    Description = description,
                });
            }
        }

        var education = new List<EducationEntry>();
        var educationRequests = request.Education ?? [];
        if (educationRequests.Count > MaxEducationEntries)
        {
            errors.Add("education", $"At most {MaxEducationEntries} education entries are allowed; {educationRequests.Count} were given.");
        }
        else
        {
            for (var i = 0; i < educationRequests.Count; i++)
            {
                var field = $"education[{i}]";
                if (educationRequests[i] is not { } entry)
                {
                    errors.Add(field, $"{field} is empty.");
                    continue;
                }

                var school = errors.Text($"{field}.school", entry.School, EntryTextMaxLength, required: true);
                var degree = errors.Text($"{field}.degree", entry.Degree, EntryTextMaxLength);
                errors.Period(field, entry.StartDate, entry.EndDate);
                education.Add(new EducationEntry
                {
                    Position = i,
                    School = school ?? "",
                    Degree = degree,
                    StartDate = entry.StartDate.GetValueOrDefault(),
                    EndDate = entry.EndDate,
                });
            }
        }

        profile = new ValidCandidateProfile(
            headline ?? "", summary, location, skills, experience, education,
            availability, availability == Availability.FromDate ? request.AvailableFrom : null, visibility);
        return errors;
    }
}

/// <summary>A profile upsert that passed validation, already normalised.</summary>
public sealed record ValidCandidateProfile(
    string Headline,
    string? Summary,
    string? Location,
    IReadOnlyList<string> Skills,
    IReadOnlyList<ExperienceEntry> Experience,
    IReadOnlyList<EducationEntry> Education,
    Availability Availability,
    DateOnly? AvailableFrom,
    ProfileVisibility? Visibility)
{
    /// <summary>
    /// A new profile's visibility when the request names none: recruiters see it, the public does not.
    /// An existing profile keeps its visibility when a request names none, so a client that does not
    /// know the field never exposes a hidden profile.
    /// </summary>
    public const ProfileVisibility DefaultVisibility = ProfileVisibility.RecruitersOnly;

    /// <summary>Writes this content over <paramref name="profile"/>, keeping skills that did not change.</summary>
    public void ApplyTo(CandidateProfile profile, DateTimeOffset now)
    {
        profile.Headline = Headline;
        profile.Summary = Summary;
        profile.Location = Location;
        profile.LocationNormalized = TextNormalization.SearchKey(Location);
        profile.Availability = Availability;
        profile.AvailableFrom = AvailableFrom;
        profile.Visibility = Visibility ?? profile.Visibility;
        profile.UpdatedAt = now;

        profile.Skills.RemoveAll(s => !Skills.Contains(s.Name, StringComparer.Ordinal));
        foreach (var skill in Skills.Where(name => !profile.Skills.Exists(s => s.Name == name)))
        {
            profile.Skills.Add(new CandidateSkill { ProfileUserId = profile.UserId, Name = skill });
        }

        profile.Experience.Clear();
        profile.Experience.AddRange(Experience);
        profile.Education.Clear();
        profile.Education.AddRange(Education);
    }
}
