namespace TalentLink.Auth.Model;

/// <summary>
/// A deleted account and the erasure still owed by each service (the outbox). Written in the same
/// transaction that removes the user, so nothing is lost if a service is down: the dispatcher
/// retries each step until it is done. The user id is kept only until every step is done; after
/// that the deletion is found by the SHA-256 of the id, which names nobody.
/// </summary>
public sealed class AccountDeletion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Cleared once every service has erased the user's data.</summary>
    public Guid? UserId { get; set; }

    /// <summary><see cref="TokenRevocation.HashSubject"/> of the user id.</summary>
    public required string SubjectHash { get; set; }

    /// <summary><see cref="DeletionReasons"/>.</summary>
    public required string Reason { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public List<DeletionStep> Steps { get; set; } = [];
}

/// <summary>One service's part of an account deletion.</summary>
public sealed class DeletionStep
{
    public long Id { get; set; }

    public Guid DeletionId { get; set; }

    /// <summary>The service's discovery name (<c>profiles</c>), also its API prefix (<c>/api/profiles</c>).</summary>
    public required string Service { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Why the last attempt failed (a status code or an exception type; never user data).</summary>
    public string? LastError { get; set; }
}

public static class DeletionReasons
{
    public const string Self = "self";
    public const string Admin = "admin";
    public const string Inactivity = "inactivity";
}
