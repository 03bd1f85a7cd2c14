namespace TalentLink.Auth.Model;

/// <summary>A user deleting their own account confirms it with their password.</summary>
public sealed record DeleteAccountRequest(string? Password);

public sealed record DeletionStepResponse(string Service, string Status, int Attempts, DateTimeOffset? CompletedAt, DateTimeOffset? NextAttemptAt, string? LastError);

public sealed record DeletionResponse(Guid Id, string Status, string Reason, DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt, IReadOnlyList<DeletionStepResponse> Steps)
{
    public const string Pending = "pending";
    public const string Completed = "completed";

    public static DeletionResponse From(AccountDeletion deletion) => new(
        deletion.Id,
        deletion.CompletedAt is null ? Pending : Completed,
        deletion.Reason,
        deletion.RequestedAt,
        deletion.CompletedAt,
        deletion.Steps.OrderBy(s => s.Service).Select(s => new DeletionStepResponse(
            s.Service,
            s.CompletedAt is null ? Pending : Completed,
            s.Attempts,
            s.CompletedAt,
            s.CompletedAt is null ? s.NextAttemptAt : null,
            s.LastError)).ToList());
}
