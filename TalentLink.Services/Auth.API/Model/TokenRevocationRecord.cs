namespace TalentLink.Auth.Model;

/// <summary>
/// "Tokens of this subject issued up to <see cref="RevokedAt"/> are void" (a suspension or a
/// deletion), published to every service through <c>/api/auth/revocations</c>.
/// </summary>
public sealed class TokenRevocationRecord
{
    public long Id { get; set; }

    /// <summary><see cref="TokenRevocation.HashSubject"/> of the user id.</summary>
    public required string SubjectHash { get; set; }

    public DateTimeOffset RevokedAt { get; set; }

    public static TokenRevocationRecord For(Guid userId, DateTimeOffset now) =>
        new() { SubjectHash = TokenRevocation.HashSubject(userId.ToString()), RevokedAt = now };
}
