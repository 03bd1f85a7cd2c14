namespace TalentLink.Offers.Apis;

/// <summary>The precise ProblemDetails the Offers endpoints answer with.</summary>
internal static class OfferProblems
{
    public static ProblemHttpResult OfferNotFound(Guid id) => Problems.NotFound("Offer not found", $"No offer with id {id} is visible to you.");

    public static ProblemHttpResult PublishedOfferNotFound(Guid id) => Problems.NotFound("Offer not found", $"No published offer has id {id}.");

    public static ProblemHttpResult NotYourOffer() => Problems.Forbidden("Not your offer", "Only the recruiter who owns this offer can change it.");

    public static ProblemHttpResult ClosedToApplications() => Problems.Conflict("Offer closed", "This offer is closed and no longer takes applications.");

    public static ProblemHttpResult ClosedToEdits() => Problems.Conflict("Offer closed", "A closed offer can no longer be edited.");

    public static ProblemHttpResult NotADraft(string status) => Problems.Conflict("Offer not a draft", $"Only a draft can be published; this offer is {status}.");

    public static ProblemHttpResult NotPublished(string status) =>
        Problems.Conflict("Offer not published", $"Only a published offer can be closed; this offer is {status}.");

    public static ProblemHttpResult HasApplications() =>
        Problems.Conflict("Offer has applications", "This offer has applications, so it cannot be deleted; close it instead.");

    public static ProblemHttpResult AlreadyApplied() => Problems.Conflict("Already applied", "You have already applied to this offer.");

    public static ProblemHttpResult ApplicationNotFound(Guid id) => Problems.NotFound("Application not found", $"No application with id {id} is visible to you.");

    /// <summary>An upload refused while it was read (too large, wrong type, unreadable): its own status and words.</summary>
    public static ProblemHttpResult UploadRejected(UploadRejectedException rejected) =>
        TypedResults.Problem(rejected.Message, statusCode: rejected.StatusCode, title: rejected.Title);

    public static ProblemHttpResult TransitionNotYours(bool isCandidate) => Problems.Forbidden("Status change not yours to make",
        isCandidate ? "A candidate can only withdraw their application." : "Only the candidate can withdraw an application.");

    public static ProblemHttpResult IllegalTransition(string from, string to, string allowedNext) =>
        Problems.Conflict("Illegal status change", $"An application cannot go from {from} to {to} (allowed next: {allowedNext}).");

    public static ProblemHttpResult FileNotFound(Guid fileId) => Problems.NotFound("File not found", $"No file {fileId} in an application visible to you.");

    public static ProblemHttpResult FileMissingFromStorage() => Problems.NotFound("File not found", "The file is missing from storage.");

    public static ProblemHttpResult FileExpired(string kind, int months) => TypedResults.Problem(
        $"This {kind} was deleted: files are kept {months} months after their offer closes.",
        statusCode: StatusCodes.Status410Gone, title: "File deleted under the retention policy");

    public static ProblemHttpResult NotYourData() => Problems.Forbidden("Not your data", "Only the user themself can export their files.");

    public static ProblemHttpResult UserFileNotFound(Guid fileId) => Problems.NotFound("File not found", $"The user has no file {fileId}.");

    public static ValidationProblem Invalid(IEnumerable<KeyValuePair<string, string[]>> errors) => Problems.Invalid(errors);

    public static ValidationProblem Invalid(string field, string message) =>
        Problems.Invalid(field, message);




    /// <summary>Acting on one of your offers: not a recruiter (403), no such offer (404), not yours (403), not in a state for it (409).</summary>
    public static RouteHandlerBuilder ProducesOwnedOfferProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>A workflow transition: the other party's move (403), no such application (404), not allowed from here (409).</summary>
    public static RouteHandlerBuilder ProducesTransitionProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
