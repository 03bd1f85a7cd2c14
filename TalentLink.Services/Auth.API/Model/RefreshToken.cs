namespace TalentLink.Auth.Model;

/// <summary>
/// One link of a refresh-token chain. Only the SHA-256 of the token is stored. Tokens rotate on
/// every use; presenting a used token again revokes the whole family (every token descended from
/// the same sign-in), since one of the two presenters must be a thief. The family is a session:
/// its id is the access tokens' <c>sid</c>, and it ends at <see cref="SessionExpiresAt"/>.
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public User? User { get; set; }

    public Guid FamilyId { get; set; }

    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When this token stops working: its own lifetime, but never past <see cref="SessionExpiresAt"/>.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The absolute end of the session, fixed at sign-in and copied by every rotation.</summary>
    public DateTimeOffset SessionExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
