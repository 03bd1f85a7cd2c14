namespace TalentLink.Offers.Model;

/// <summary>A candidate's application to a published offer; at most one per candidate and offer.</summary>
public sealed class JobApplication
{
    public Guid Id { get; set; }

    public Guid OfferId { get; set; }

    public Offer Offer { get; set; } = null!;

    public Guid CandidateId { get; set; }

    public string Status { get; set; } = ApplicationStatuses.Submitted;

    /// <summary>A cover letter typed in the form (otherwise it is a file).</summary>
    public string? CoverLetterText { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<ApplicationFile> Files { get; set; } = [];

    public List<ApplicationStatusChange> History { get; set; } = [];

    /// <summary>
    /// Moves the application to <paramref name="target"/> and records who did it when; whether the
    /// move is allowed, and to whom, is <see cref="ApplicationWorkflow"/>'s to say before this is called.
    /// </summary>
    public void MoveTo(string target, Guid changedBy, DateTimeOffset now)
    {
        History.Add(new ApplicationStatusChange
        {
            ApplicationId = Id,
            FromStatus = Status,
            ToStatus = target,
            ChangedBy = changedBy,
            ChangedAt = now,
        });
        Status = target;
        UpdatedAt = now;
    }

    /// <summary>
    /// Its candidate's account is erased: the cover letter text goes, the application is withdrawn
    /// (when it still can be) by the anonymous id that replaces the candidate. The files are the
    /// caller's to remove, after the commit.
    /// </summary>
    public void HandOverTo(Guid anonymousCandidate, DateTimeOffset now)
    {
        CoverLetterText = null;
        if (ApplicationWorkflow.CandidateMay(Status, ApplicationStatuses.Withdrawn))
        {
            MoveTo(ApplicationStatuses.Withdrawn, anonymousCandidate, now);
        }

        CandidateId = anonymousCandidate;
        UpdatedAt = now;
    }
}

/// <summary>A CV or cover letter stored in the uploads folder under a generated name.</summary>
public sealed class ApplicationFile
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    /// <summary><see cref="ApplicationFileKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The generated file name in the uploads folder; never derived from user input.</summary>
    public required string StoredName { get; set; }

    /// <summary>The uploader's file name, sanitised; metadata only, never used as a path.</summary>
    public required string OriginalName { get; set; }

    /// <summary>The type detected from the content.</summary>
    public required string ContentType { get; set; }

    public long Length { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}

public static class ApplicationFileKinds
{
    public const string Cv = "cv";
    public const string CoverLetter = "cover-letter";
}

/// <summary>One step of an application's workflow, kept forever.</summary>
public sealed class ApplicationStatusChange
{
    public long Id { get; set; }

    public Guid ApplicationId { get; set; }

    /// <summary>Null for the first entry (the submission).</summary>
    public string? FromStatus { get; set; }

    public required string ToStatus { get; set; }

    public Guid ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
