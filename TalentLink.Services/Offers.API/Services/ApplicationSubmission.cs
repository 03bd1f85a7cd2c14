using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentLink.Offers.Apis;
using TalentLink.Offers.Infrastructure.EntityConfigurations;

namespace TalentLink.Offers.Services;

/// <summary>
/// A candidate's application, from the form to the committed row: the offer must be open to them,
/// the files are received and checked, moved to their final names and made durable, then the row
/// commits; if it cannot, the files are deleted again, so no file outlives a refused application.
/// </summary>
public sealed class ApplicationSubmission(OffersContext context, UploadStore uploads, TimeProvider time, ILogger<ApplicationSubmission> logger)
{
    /// <summary>The application and its offer's recruiter when it was accepted; otherwise the problem to answer.</summary>
    public sealed record Outcome(JobApplication? Application, Guid RecruiterId, ProblemHttpResult? Refused, ValidationProblem? Invalid);

    public async Task<Outcome> SubmitAsync(Guid offerId, Guid candidateId, HttpRequest request, CancellationToken cancellationToken)
    {
        var (offer, closed) = await FindOpenOfferAsync(offerId, candidateId, cancellationToken);
        if (closed is not null)
        {
            return Refuse(closed);
        }

        using var form = new ApplicationForm(uploads);
        try
        {
            await form.ReadAsync(request, cancellationToken);
        }
        catch (UploadRejectedException rejected)
        {
            return Refuse(OfferProblems.UploadRejected(rejected));
        }

        if (Validate(form) is { } errors)
        {
            return new Outcome(null, default, null, OfferProblems.Invalid(errors));
        }

        var application = NewApplication(offerId, candidateId, form);
        return await CommitAsync(application, form, cancellationToken) is { } refused
            ? Refuse(refused)
            : new Outcome(application, offer!.RecruiterId, null, null);
    }

    /// <summary>The candidate's application to the offer (at most one: a unique index).</summary>
    public static Expression<Func<JobApplication, bool>> AppliedBy(Guid offerId, Guid candidateId) =>
        a => a.OfferId == offerId && a.CandidateId == candidateId;

    private static Outcome Refuse(ProblemHttpResult problem) => new(null, default, problem, null);

    /// <summary>The offer, and whether this candidate has applied to it already, in one query.</summary>
    private async Task<(Offer? Offer, ProblemHttpResult? Closed)> FindOpenOfferAsync(Guid offerId, Guid candidateId, CancellationToken cancellationToken)
    {
        var target = await context.Offers.AsNoTracking()
            .Where(o => o.Id == offerId)
            .Select(o => new { Offer = o, Applied = context.Applications.Any(AppliedBy(offerId, candidateId)) })
            .SingleOrDefaultAsync(cancellationToken);
        return target switch
        {
            null or { Offer.IsHidden: true } or { Offer.Status: OfferStatuses.Draft } => (null, OfferProblems.PublishedOfferNotFound(offerId)),
            { Offer.Status: OfferStatuses.Closed } => (null, OfferProblems.ClosedToApplications()),
            { Applied: true } => (null, OfferProblems.AlreadyApplied()),
            _ => (target.Offer, null),
        };
    }

    private JobApplication NewApplication(Guid offerId, Guid candidateId, ApplicationForm form)
    {
        var now = time.GetUtcNow();
        return new JobApplication
        {
            Id = Guid.CreateVersion7(now),
            OfferId = offerId,
            CandidateId = candidateId,
            CoverLetterText = string.IsNullOrWhiteSpace(form.CoverLetterText) ? null : form.CoverLetterText.Trim(),
            SubmittedAt = now,
            UpdatedAt = now,
            History = [new ApplicationStatusChange { ToStatus = ApplicationStatuses.Submitted, ChangedBy = candidateId, ChangedAt = now }],
        };
    }

    /// <summary>Files move to their final names first; if the row cannot be written they are deleted again.</summary>
    private async Task<ProblemHttpResult?> CommitAsync(JobApplication application, ApplicationForm form, CancellationToken cancellationToken)
    {
        var stored = new List<string>();
        try
        {
            foreach (var file in form.Files)
            {
                var storedName = uploads.Commit(file.Incoming, file.Type);
                stored.Add(storedName);
                application.Files.Add(new ApplicationFile
                {
                    Id = Guid.CreateVersion7(application.SubmittedAt),
                    Kind = file.Kind,
                    StoredName = storedName,
                    OriginalName = file.OriginalName,
                    ContentType = file.Type.ContentType,
                    Length = file.Incoming.Length,
                    UploadedAt = application.SubmittedAt,
                });
            }

            context.Applications.Add(application);
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            uploads.Delete(stored);
            context.ChangeTracker.Clear();
            // Two submissions raced past the check: the unique index let exactly one in.
            if (ex is DbUpdateException
                && await context.Applications.AnyAsync(AppliedBy(application.OfferId, application.CandidateId), CancellationToken.None))
            {
                return OfferProblems.AlreadyApplied();
            }

            throw;
        }

        logger.LogInformation("Candidate {CandidateId} applied to offer {OfferId}", application.CandidateId, application.OfferId);
        return null;
    }

    private static Dictionary<string, string[]>? Validate(ApplicationForm form)
    {
        var errors = new Dictionary<string, string[]>();
        if (form.Cv is null)
        {
            errors[ApplicationForm.CvField] = ["A CV (PDF or DOCX) is required."];
        }

        var hasText = !string.IsNullOrWhiteSpace(form.CoverLetterText);
        if (form.CoverLetter is null && !hasText)
        {
            errors[ApplicationForm.CoverLetterField] = ["A cover letter is required, as a file or as text."];
        }
        else if (form.CoverLetter is not null && hasText)
        {
            errors[ApplicationForm.CoverLetterField] = ["Give the cover letter as a file or as text, not both."];
        }
        else if (hasText && form.CoverLetterText!.Trim().Length > JobApplicationEntityTypeConfiguration.CoverLetterMaxLength)
        {
            errors[ApplicationForm.CoverLetterTextField] = [$"The cover letter is at most {JobApplicationEntityTypeConfiguration.CoverLetterMaxLength} characters."];
        }

        return errors.Count == 0 ? null : errors;
    }
}
