namespace TalentLink.Profiles.Model;

/// <summary>A candidate's profile; one per candidate, keyed by their user id.</summary>
public sealed class CandidateProfile
{
    public Guid UserId { get; set; }

    public required string Headline { get; set; }

    public string? Summary { get; set; }

    public string? Location { get; set; }

    /// <summary>Trimmed, single-spaced, lower-cased <see cref="Location"/>: what location search matches on every provider.</summary>
    public string? LocationNormalized { get; set; }

    public Availability Availability { get; set; }

    /// <summary>Set only when <see cref="Availability"/> is <see cref="Availability.FromDate"/>.</summary>
    public DateOnly? AvailableFrom { get; set; }

    public ProfileVisibility Visibility { get; set; }

    /// <summary>Set by a moderator: the profile is then visible only to its owner and admins.</summary>
    public DateTimeOffset? HiddenAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<CandidateSkill> Skills { get; set; } = [];

    public List<ExperienceEntry> Experience { get; set; } = [];

    public List<EducationEntry> Education { get; set; } = [];

    public bool IsHidden => HiddenAt is not null;
}

/// <summary>One normalised skill of a profile (see <see cref="Services.SkillNames"/>); indexed for search.</summary>
public sealed class CandidateSkill
{
    public Guid ProfileUserId { get; set; }

    public required string Name { get; set; }
}

public sealed class ExperienceEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProfileUserId { get; set; }

    /// <summary>Keeps the order the candidate gave.</summary>
    public int Position { get; set; }

    public required string Title { get; set; }

    public required string Company { get; set; }

    public DateOnly StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    public string? Description { get; set; }
}

public sealed class EducationEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProfileUserId { get; set; }

    public int Position { get; set; }

    public required string School { get; set; }

    public string? Degree { get; set; }

    public DateOnly StartDate { get; set; }

    public DateOnly? EndDate { get; set; }
}
