namespace TalentLink.Reports.Model;

/// <summary>What an admin decides on a report; every decision but <see cref="NoAction"/> takes effect in the owning service.</summary>
public enum ModerationDecision
{
    /// <summary>Offers: <c>POST /api/offers/{id}/hide</c>.</summary>
    HideOffer,

    /// <summary>Profiles: <c>POST /api/profiles/{userId}/hide</c>.</summary>
    HideProfile,

    /// <summary>Auth: <c>POST /api/auth/users/{id}/suspend</c>.</summary>
    SuspendUser,

    /// <summary>The report was founded but needs no action in another service (for example a warning).</summary>
    NoAction,
}

public static class ModerationDecisions
{
    /// <summary>The decisions that make sense for a target type.</summary>
    public static IReadOnlyList<ModerationDecision> For(ReportTargetType targetType) => targetType switch
    {
        ReportTargetType.Offer => [ModerationDecision.HideOffer, ModerationDecision.NoAction],
        ReportTargetType.Profile => [ModerationDecision.HideProfile, ModerationDecision.SuspendUser, ModerationDecision.NoAction],
        ReportTargetType.User => [ModerationDecision.SuspendUser, ModerationDecision.NoAction],
        _ => [ModerationDecision.NoAction],
    };
}
