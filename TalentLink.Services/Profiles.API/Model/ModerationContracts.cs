namespace TalentLink.Profiles.Model;

/// <summary>The outcome of hiding or unhiding what a user shows in Profiles.</summary>
public sealed record ModerationResponse(Guid UserId, bool Hidden, bool CandidateProfile, bool Company);
