namespace TalentLink.Reports.Services;

/// <summary>
/// Applies a moderation decision in the service that owns the target. Throws
/// <see cref="DependencyUnavailableException"/> when that service cannot answer.
/// </summary>
public interface IModerationTargets
{
    Task<ModerationResult> ApplyAsync(ModerationDecision decision, Guid targetId, CancellationToken cancellationToken);
}

public enum ModerationOutcome
{
    Applied,

    /// <summary>The owning service does not know the target (deleted, or a wrong id).</summary>
    TargetNotFound,

    /// <summary>The owning service refused (for example an admin suspending their own account).</summary>
    Refused,
}

public sealed record ModerationResult(ModerationOutcome Outcome, string? Detail = null);
