using System.Globalization;
using TalentLink.Audit.Apis;

namespace TalentLink.Audit.Model;

/// <summary>
/// The filters of <c>GET /api/audit/entries</c>, bound from the query string as text so each bad
/// value gets its own precise message instead of a generic binding failure.
/// </summary>
public sealed record AuditQuery(string? Actor, string? Action, string? Subject, string? TargetType, string? TargetId, string? From, string? To)
{
    /// <summary>The filtered entries, or the validation errors.</summary>
    public (IQueryable<AuditEntry>? Query, Dictionary<string, string[]>? Errors) Apply(IQueryable<AuditEntry> entries)
    {
        var errors = new Dictionary<string, string[]>();
        var actor = ParseGuid(Actor, "actor", errors);
        var subject = ParseGuid(Subject, "subject", errors);
        var from = ParseTime(From, "from", errors);
        var to = ParseTime(To, "to", errors);
        if (Action is not null && !RecordingApi.IsName(Action))
        {
            errors["action"] = [RecordingApi.NameRule("action")];
        }

        if (TargetType is not null && !RecordingApi.IsName(TargetType))
        {
            errors["targetType"] = [RecordingApi.NameRule("targetType")];
        }

        if (TargetId is { Length: 0 or > Infrastructure.EntityConfigurations.AuditEntryEntityTypeConfiguration.NameMaxLength })
        {
            errors["targetId"] = [$"targetId is 1 to {Infrastructure.EntityConfigurations.AuditEntryEntityTypeConfiguration.NameMaxLength} characters."];
        }

        if (from is not null && to is not null && from > to)
        {
            errors["to"] = ["to must not be earlier than from."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        if (actor is { } a) entries = entries.Where(e => e.ActorId == a);
        if (subject is { } s) entries = entries.Where(e => e.SubjectUserId == s);
        if (Action is not null) entries = entries.Where(e => e.Action == Action);
        if (TargetType is not null) entries = entries.Where(e => e.TargetType == TargetType);
        if (TargetId is not null) entries = entries.Where(e => e.TargetId == TargetId);
        if (from is { } f) entries = entries.Where(e => e.At >= f);
        if (to is { } t) entries = entries.Where(e => e.At <= t);
        return (entries, null);
    }

    private static Guid? ParseGuid(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (Guid.TryParse(value, out var id))
        {
            return id;
        }

        errors[field] = [$"{field} must be a user id (a GUID)."];
        return null;
    }

    private static DateTimeOffset? ParseTime(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        errors[field] = [$"{field} must be an ISO 8601 date or time, such as 2026-05-01 or 2026-05-01T08:30:00Z."];
        return null;
    }
}
