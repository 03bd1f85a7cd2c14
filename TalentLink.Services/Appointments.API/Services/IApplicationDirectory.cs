namespace TalentLink.Appointments.Services;

/// <summary>Applications as the Offers service knows them, seen with the caller's rights.</summary>
public interface IApplicationDirectory
{
    /// <summary>
    /// The application, or null when it does not exist or the caller may not see it.
    /// Throws <see cref="DependencyUnavailableException"/> when Offers cannot answer.
    /// </summary>
    Task<JobApplication?> FindAsync(Guid applicationId, CancellationToken cancellationToken);
}

public sealed record JobApplication(Guid Id, Guid OfferId, Guid CandidateId, Guid RecruiterId, ApplicationStatus Status);

public enum ApplicationStatus
{
    Submitted,
    InReview,
    Interview,
    Offered,
    Rejected,
    Withdrawn,
}
