namespace TalentLink.Auth.Model;

/// <summary>
/// One link of a refresh-token chain. Only the SHA-256 of the token is stored. Tokens rotate on
/// every use; presenting a used token again revokes the whole family (every token descended from
/// the same sign-in), since one of the two presenters must be a thief.
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public User? User { get; set; }

    public Guid FamilyId { get; set; }

    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
