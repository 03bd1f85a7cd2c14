namespace TalentLink.Audit.Model;

/// <summary>What a service sends to record an entry; the actor comes from the forwarded token.</summary>
public sealed record RecordEntryRequest(
    string? Action, string? TargetType, string? TargetId, Guid? SubjectUserId, string? ClientAddress, string? Details);

public sealed record AuditEntryResponse(
    Guid Id,
    DateTimeOffset At,
    Guid ActorId,
    string ActorRole,
    string Action,
    string TargetType,
    string TargetId,
    Guid? SubjectUserId,
    string? ClientAddress,
    string? Details)
{
    public static AuditEntryResponse From(AuditEntry entry) => new(
        entry.Id, entry.At, entry.ActorId, entry.ActorRole, entry.Action, entry.TargetType, entry.TargetId,
        entry.SubjectUserId, entry.ClientAddress, entry.Details);
}

/// <summary>
/// One download of the caller's CV or cover letter: when, and who (id and role only — never the
/// downloader's address or anything else about them).
/// </summary>
public sealed record FileDownloadResponse(DateTimeOffset At, Guid DownloadedById, string DownloadedByRole, string FileId, string? Details)
{
    public static FileDownloadResponse From(AuditEntry entry) =>
        new(entry.At, entry.ActorId, entry.ActorRole, entry.TargetId, entry.Details);
}
