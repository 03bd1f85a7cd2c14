namespace TalentLink.Auth.Model;

/// <summary>
/// A user's request for a copy of their personal data. The <see cref="Services.DataExportWorker"/>
/// assembles the archive from every personal-data service in the background; only its owner may
/// download it, until it expires. Removed with the account.
/// </summary>
public sealed class DataExport
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    /// <summary><see cref="DataExportStatuses"/>.</summary>
    public string Status { get; set; } = DataExportStatuses.Pending;

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The archive's file name in the exports folder (<see cref="Services.ExportArchiveStore"/>); null once it is deleted.</summary>
    public string? ArchiveName { get; set; }

    public long? ArchiveBytes { get; set; }

    /// <summary>Failed attempts so far (a service's HTTP error fails the export at once; anything else is retried).</summary>
    public int Attempts { get; set; }

    /// <summary>When a pending export may be tried again; null for one never tried.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Why the export failed, or why its last attempt did (no user data), shown to the user.</summary>
    public string? Error { get; set; }
}

public static class DataExportStatuses
{
    public const string Pending = "pending";
    public const string Ready = "ready";
    public const string Failed = "failed";
    public const string Expired = "expired";
}

public sealed record DataExportResponse(Guid Id, string Status, DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt, DateTimeOffset? ExpiresAt, string? DownloadUrl, string? Error)
{
    public static DataExportResponse From(DataExport export, DateTimeOffset now)
    {
        var status = export.Status == DataExportStatuses.Ready && export.ExpiresAt <= now ? DataExportStatuses.Expired : export.Status;
        return new(export.Id, status, export.RequestedAt, export.CompletedAt, export.ExpiresAt,
            status == DataExportStatuses.Ready ? $"/api/auth/exports/{export.Id}/archive" : null, export.Error);
    }
}
