namespace TalentLink.Audit.Model;

/// <summary>
/// One line of the append-only trail: who did what to what, when, and from which address. The
/// database refuses to update or delete a line (triggers: see <see cref="Infrastructure.AppendOnlyTrail"/>).
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The Auth user id of whoever acted, from their token.</summary>
    public Guid ActorId { get; set; }

    public required string ActorRole { get; set; }

    /// <summary>A lower-case dotted name such as <c>user.suspended</c> (see <see cref="AuditActions"/>).</summary>
    public required string Action { get; set; }

    public required string TargetType { get; set; }

    public required string TargetId { get; set; }

    /// <summary>Whose personal data was touched, when someone's was.</summary>
    public Guid? SubjectUserId { get; set; }

    /// <summary>The client address the recording service saw (IPv4 or IPv6), when it had one.</summary>
    public string? ClientAddress { get; set; }

    public string? Details { get; set; }
}
