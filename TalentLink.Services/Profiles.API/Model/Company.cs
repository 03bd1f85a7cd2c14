namespace TalentLink.Profiles.Model;

/// <summary>A company page. A recruiter belongs to exactly one company: the one they created.</summary>
public sealed class Company
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The recruiter who owns and edits the page; unique.</summary>
    public Guid RecruiterId { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public string? Website { get; set; }

    public string? Location { get; set; }

    /// <summary>One of <see cref="CompanySizes.All"/>.</summary>
    public string? Size { get; set; }

    /// <summary>Set by a moderator: the page is then visible only to its recruiter and admins.</summary>
    public DateTimeOffset? HiddenAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsHidden => HiddenAt is not null;
}

/// <summary>Head-count bands a company page may show.</summary>
public static class CompanySizes
{
    public static readonly IReadOnlyList<string> All = ["1-10", "11-50", "51-200", "201-1000", "1001-5000", "5000+"];
}
