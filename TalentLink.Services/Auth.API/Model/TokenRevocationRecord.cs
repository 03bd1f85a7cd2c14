namespace TalentLink.Auth.Model;

/// <summary>
/// "Tokens of this subject (or session) issued up to <see cref="RevokedAt"/> are void" (a suspension,
/// a deletion, a password change, a sign-out, a stolen refresh token), published to every service
/// through <c>/api/auth/revocations</c>.
/// </summary>
public sealed class TokenRevocationRecord
{
    public long Id { get; set; }

    /// <summary><see cref="TokenRevocation.HashForFeed"/> of the user id, or <see cref="TokenRevocation.HashSessionForFeed"/> of a session.</summary>
    public required string SubjectHash { get; set; }

    public DateTimeOffset RevokedAt { get; set; }
}
