namespace TalentLink.Auth.Model;

public sealed class User
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Lower-cased and trimmed; unique.</summary>
    public required string Email { get; set; }

    public required string PasswordHash { get; set; }

    public required string Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    public int FailedSignInCount { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset? SuspendedAt { get; set; }

    public bool IsSuspended => SuspendedAt is not null;

    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;
}
