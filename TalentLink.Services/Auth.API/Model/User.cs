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

    /// <summary>The last sign-in or token refresh: what the inactive-account retention rule measures.</summary>
    public DateTimeOffset? LastActiveAt { get; set; }

    /// <summary>When the user was warned that their inactive account will be deleted; cleared by any activity.</summary>
    public DateTimeOffset? InactivityWarnedAt { get; set; }

    /// <summary>Wrong passwords since the last successful sign-in.</summary>
    public int FailedSignInCount { get; set; }

    /// <summary>Until when the next password is refused unchecked (the sign-in back-off); the column keeps its old name.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset? SuspendedAt { get; set; }

    public bool IsSuspended => SuspendedAt is not null;

    /// <summary>A sign-in or refresh: the account is in use, so any inactivity warning no longer applies.</summary>
    public void MarkActive(DateTimeOffset now)
    {
        LastActiveAt = now;
        InactivityWarnedAt = null;
    }
}
