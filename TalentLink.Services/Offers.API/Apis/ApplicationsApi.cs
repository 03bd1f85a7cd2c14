using System.Security.Claims;

namespace TalentLink.Offers.Apis;

/// <summary>
/// Applications: a candidate applies once to a published offer with a CV and a cover letter, sees
/// and withdraws or deletes their own applications; the recruiter who owns the offer reviews them,
/// moves them through the workflow and downloads their files. Anyone else gets a 404, so ids
/// cannot be probed.
/// </summary>
public static class ApplicationsApi
{
    public static RouteGroupBuilder MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/offers").WithTags("Applications").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapPost("/{id:guid}/applications", Apply).RequireAuthorization(Policies.Candidate).WithName("Apply")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Apply to a published offer: multipart form with a 'cv' file and a 'coverLetter' file or 'coverLetterText' (PDF or DOCX)")
            .Accepts<IFormFile>("multipart/form-data").DisableAntiforgery();
        api.MapGet("/{id:guid}/applications", ListForOffer).RequireAuthorization(Policies.Recruiter).WithName("ListOfferApplications")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The applications to one of your offers, optionally by status, oldest first");
        api.MapGet("/me/applications", ListMine).RequireAuthorization(Policies.Candidate).WithName("ListMyApplications")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The calling candidate's applications, newest first");
        api.MapGet("/applications/{id:guid}", GetApplication).WithName("GetApplication")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One application with its files and status history (its candidate or the offer's recruiter)");
        api.MapPost("/applications/{id:guid}/review", Review).WithName("ReviewApplication").ProducesTransitionProblems()
            .WithSummary("The offer's recruiter takes a submitted application into review");
        api.MapPost("/applications/{id:guid}/interview", MoveToInterview).WithName("InterviewApplication").ProducesTransitionProblems()
            .WithSummary("The offer's recruiter moves an application in review to the interview stage");
        api.MapPost("/applications/{id:guid}/offer", MakeOffer).WithName("OfferApplication").ProducesTransitionProblems()
            .WithSummary("The offer's recruiter makes an offer to a candidate after interview");
        api.MapPost("/applications/{id:guid}/reject", Reject).WithName("RejectApplication").ProducesTransitionProblems()
            .WithSummary("The offer's recruiter rejects an application (submitted, in review or at interview)");
        api.MapPost("/applications/{id:guid}/withdraw", Withdraw).WithName("WithdrawApplication").ProducesTransitionProblems()
            .WithSummary("The candidate withdraws their application (until it is rejected or withdrawn)");
        api.MapGet("/applications/{id:guid}/files/{fileId:guid}", DownloadFile).WithName("DownloadApplicationFile")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Download a CV or cover letter (its candidate or the offer's recruiter)");
        api.MapDelete("/applications/{id:guid}", DeleteApplication).RequireAuthorization(Policies.Candidate).WithName("DeleteApplication")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delete one of your applications and its files");
        api.MapGet("/candidates/{candidateId:guid}/has-applied", HasApplied).RequireAuthorization(Policies.Recruiter).WithName("HasApplied")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Whether a candidate applied to any of the calling recruiter's offers");

        return api;
    }

    public static async Task<Results<Created<ApplicationResponse>, ProblemHttpResult, ValidationProblem>> Apply(
        Guid id, HttpRequest request, ApplicationSubmission submission, CancellationToken cancellationToken)
    {
        var outcome = await submission.SubmitAsync(id, request.HttpContext.User.GetUserId(), request, cancellationToken);
        return outcome switch
        {
            { Invalid: { } invalid } => invalid,
            { Refused: { } refused } => refused,
            _ => TypedResults.Created($"/api/offers/applications/{outcome.Application!.Id}", ApplicationResponse.From(outcome.Application, outcome.RecruiterId)),
        };
    }

    public static async Task<Results<Ok<PagedResult<ApplicationResponse>>, ProblemHttpResult, ValidationProblem>> ListForOffer(
        Guid id, string? status, [AsParameters] PageRequest page, ClaimsPrincipal user,
        [AsParameters] OffersServices services, CancellationToken cancellationToken)
    {
        if (page.Validate() is { } errors)
        {
            return OfferProblems.Invalid(errors);
        }

        if (status is not null && !ApplicationStatuses.All.Contains(status))
        {
            return OfferProblems.Invalid("status", $"status must be one of: {string.Join(", ", ApplicationStatuses.All)}.");
        }

        var (offer, problem) = await OffersApi.FindOwnedAsync(id, user, services, cancellationToken);
        if (offer is null)
        {
            return problem!;
        }

        var query = services.Context.Applications.AsNoTracking().Where(a => a.OfferId == id);
        if (status is not null)
        {
            query = query.Where(a => a.Status == status);
        }

        return TypedResults.Ok(await PageAsync(query.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id), page, cancellationToken));
    }

    public static async Task<Results<Ok<PagedResult<ApplicationResponse>>, ValidationProblem>> ListMine(
        [AsParameters] PageRequest page, ClaimsPrincipal user, [AsParameters] OffersServices services, CancellationToken cancellationToken)
    {
        if (page.Validate() is { } errors)
        {
            return OfferProblems.Invalid(errors);
        }

        var candidateId = user.GetUserId();
        var query = services.Context.Applications.AsNoTracking().Where(a => a.CandidateId == candidateId)
            .OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id);
        return TypedResults.Ok(await PageAsync(query, page, cancellationToken));
    }

    public static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> GetApplication(
        Guid id, ClaimsPrincipal user, [AsParameters] OffersServices services, CancellationToken cancellationToken)
    {
        var application = await FindVisibleAsync(id, user, services, cancellationToken);
        return application is null ? OfferProblems.ApplicationNotFound(id) : TypedResults.Ok(ApplicationResponse.From(application));
    }

    public static Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> Review(
        Guid id, ClaimsPrincipal user, [AsParameters] OffersServices services, CancellationToken cancellationToken) =>
        MoveAsync(id, ApplicationStatuses.InReview, user, services, cancellationToken);

    public static Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> MoveToInterview(
        Guid id, ClaimsPrincipal user, [AsParameters] OffersServices services, CancellationToken cancellationToken) =>
        MoveAsync(id, ApplicationStatuses.Interview, user, services, cancellationToken);

    public static Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> MakeOffer(
        Guid id, ClaimsPrincipal user, [AsParameters] OffersServices services, CancellationToken cancellationToken) =>
        MoveAsync(id, ApplicationStatuses.Offered, user, services, cancellationToken);

    public static Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> Reject(
        Guid id, ClaimsPrincipal user, [AsParameters] OffersServices services, CancellationToken cancellationToken) =>
        MoveAsync(id, ApplicationStatuses.Rejected, user, services, cancellationToken);

    public static Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> Withdraw(
        Guid id, ClaimsPrincipal user, [AsParameters] OffersServices services, CancellationToken cancellationToken) =>
        MoveAsync(id, ApplicationStatuses.Withdrawn, user, services, cancellationToken);

    /// <summary>One workflow transition, checked against who is asking and where the application stands.</summary>
    private static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> MoveAsync(
        Guid id, string target, ClaimsPrincipal user, OffersServices services, CancellationToken cancellationToken)
    {
        var application = await FindVisibleAsync(id, user, services, cancellationToken, tracked: true);
        if (application is null)
        {
            return OfferProblems.ApplicationNotFound(id);
        }

        var userId = user.GetUserId();
        var isCandidate = application.CandidateId == userId;
        if (isCandidate ? target != ApplicationStatuses.Withdrawn : target == ApplicationStatuses.Withdrawn)
        {
            return OfferProblems.TransitionNotYours(isCandidate);
        }

        var allowed = isCandidate
            ? ApplicationWorkflow.CandidateMay(application.Status, target)
            : ApplicationWorkflow.RecruiterMay(application.Status, target);
        if (!allowed)
        {
            var next = isCandidate ? "none" : string.Join(", ", ApplicationWorkflow.RecruiterNext(application.Status)) is { Length: > 0 } n ? n : "none";
            return OfferProblems.IllegalTransition(application.Status, target, next);
        }

        application.MoveTo(target, userId, services.Time.GetUtcNow());
        await services.Context.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ApplicationResponse.From(application));
    }

    /// <summary>
    /// Every download is written to the audit trail before the file is sent; when the trail cannot
    /// take it, the download is refused (503), so no one reads a CV without leaving a trace.
    /// </summary>
    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> DownloadFile(
        Guid id, Guid fileId, HttpContext http, IAuditTrail audit, ApplicationFileRetention retention,
        [AsParameters] OffersServices services, CancellationToken cancellationToken)
    {
        var application = await FindVisibleAsync(id, http.User, services, cancellationToken);
        var file = application?.Files.SingleOrDefault(f => f.Id == fileId);
        if (file is null)
        {
            return OfferProblems.FileNotFound(fileId);
        }

        var path = services.Uploads.PathOf(file.StoredName);
        if (!File.Exists(path) && retention.IsExpired(application!.Offer, services.Time.GetUtcNow()))
        {
            return OfferProblems.FileExpired(file.Kind, retention.Options.ApplicationFilesMonths);
        }

        if (!File.Exists(path))
        {
            services.Logger.LogError("Application file {FileId} is missing from the uploads folder ({StoredName})", file.Id, file.StoredName);
            return OfferProblems.FileMissingFromStorage();
        }

        var record = new AuditRecord(AuditActions.ApplicationFileDownloaded, AuditTargets.ApplicationFile, file.Id.ToString(),
            application!.CandidateId, $"{file.Kind} of application {application.Id}");
        if (await audit.RecordOrRefuseAsync(record, cancellationToken) is { } refused)
        {
            return refused;
        }

        return FileResponses.Attachment(http.Response, path, file);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteApplication(
        Guid id, ClaimsPrincipal user, [AsParameters] OffersServices services, CancellationToken cancellationToken)
    {
        var candidateId = user.GetUserId();
        var application = await services.Context.Applications.Include(a => a.Files)
            .SingleOrDefaultAsync(a => a.Id == id && a.CandidateId == candidateId, cancellationToken);
        if (application is null)
        {
            return OfferProblems.ApplicationNotFound(id);
        }

        var storedNames = application.Files.Select(f => f.StoredName).ToList();
        services.Context.Applications.Remove(application);
        await services.Context.SaveChangesAsync(cancellationToken);

        // The rows are gone; now the files (a failure here is logged, never resurrects the rows).
        services.Uploads.Delete(storedNames);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<HasAppliedResponse>> HasApplied(
        Guid candidateId, ClaimsPrincipal user, [AsParameters] OffersServices services, CancellationToken cancellationToken)
    {
        var recruiterId = user.GetUserId();
        var hasApplied = await services.Context.Applications
            .AnyAsync(a => a.CandidateId == candidateId && a.Offer.RecruiterId == recruiterId, cancellationToken);
        return TypedResults.Ok(new HasAppliedResponse(hasApplied));
    }

    /// <summary>The application if the caller is its candidate or the recruiter owning its offer.</summary>
    private static async Task<JobApplication?> FindVisibleAsync(
        Guid id, ClaimsPrincipal user, OffersServices services, CancellationToken cancellationToken, bool tracked = false)
    {
        var userId = user.GetUserId();
        var query = services.Context.Applications.Include(a => a.Offer).Include(a => a.Files).Include(a => a.History).AsSplitQuery();
        return await (tracked ? query : query.AsNoTracking())
            .SingleOrDefaultAsync(a => a.Id == id && (a.CandidateId == userId || a.Offer.RecruiterId == userId), cancellationToken);
    }

    private static async Task<PagedResult<ApplicationResponse>> PageAsync(
        IQueryable<JobApplication> ordered, PageRequest page, CancellationToken cancellationToken)
    {
        var total = await ordered.LongCountAsync(cancellationToken);
        var items = await ordered.Skip(page.Skip).Take(page.Size).Include(a => a.Offer).Include(a => a.Files).Include(a => a.History)
            .AsSplitQuery().ToListAsync(cancellationToken);
        return new PagedResult<ApplicationResponse>(items.Select(a => ApplicationResponse.From(a)).ToList(), page.Number, page.Size, total);
    }
}
