namespace TalentLink.Offers.Model;

/// <summary><paramref name="FileName"/> is the name the file downloads under (see <see cref="Services.UploadFileNames.ForDownload"/>).</summary>
public sealed record ApplicationFileResponse(Guid Id, string Kind, string FileName, string ContentType, long Length);

public sealed record StatusChangeResponse(string? From, string To, Guid ChangedBy, DateTimeOffset ChangedAt);

/// <summary>An application as its candidate and the offer's recruiter see it (other services read it too).</summary>
public sealed record ApplicationResponse(
    Guid Id,
    Guid OfferId,
    Guid CandidateId,
    Guid RecruiterId,
    string Status,
    string? CoverLetterText,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<ApplicationFileResponse> Files,
    IReadOnlyList<StatusChangeResponse> History)
{
    /// <summary>Needs <see cref="JobApplication.Offer"/> loaded, or the offer's recruiter given.</summary>
    public static ApplicationResponse From(JobApplication application, Guid? recruiterId = null) => new(
        application.Id,
        application.OfferId,
        application.CandidateId,
        recruiterId ?? application.Offer.RecruiterId,
        application.Status,
        application.CoverLetterText,
        application.SubmittedAt,
        application.UpdatedAt,
        application.Files.OrderBy(f => f.Kind, StringComparer.Ordinal)
            .Select(f => new ApplicationFileResponse(f.Id, f.Kind, Services.UploadFileNames.ForDownload(f.OriginalName, f.ContentType, f.Kind), f.ContentType, f.Length)).ToList(),
        application.History.OrderBy(h => h.ChangedAt).ThenBy(h => h.Id)
            .Select(h => new StatusChangeResponse(h.FromStatus, h.ToStatus, h.ChangedBy, h.ChangedAt)).ToList());
}
