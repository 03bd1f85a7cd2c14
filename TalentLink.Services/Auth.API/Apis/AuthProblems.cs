namespace TalentLink.Auth.Apis;

/// <summary>The precise ProblemDetails the Auth endpoints answer with.</summary>
internal static class AuthProblems
{
    public static ProblemHttpResult EmailTaken() => Conflict("Email already registered", "An account with this email address already exists.");

    public static ProblemHttpResult InvalidCredentials() => Unauthorized("Invalid credentials", "The email or password is incorrect.");

    public static ProblemHttpResult SignInPaused(int seconds) => TypedResults.Problem(
        $"Too many wrong passwords for this account. Try again in {seconds} s.",
        statusCode: StatusCodes.Status429TooManyRequests, title: "Sign-in paused");

    public static ProblemHttpResult InvalidRefreshToken(string detail) => Unauthorized("Invalid refresh token", detail);

    public static ProblemHttpResult Suspended() => TypedResults.Problem(
        "This account is suspended. Contact support.", statusCode: StatusCodes.Status403Forbidden, title: "Account suspended");

    /// <summary>The caller's own account is gone (deleted while their token still verifies).</summary>
    public static ProblemHttpResult OwnAccountGone() => NotFound("Account not found", "The account no longer exists.");

    public static ProblemHttpResult AccountNotFound(Guid id) => NotFound("Account not found", $"No account has id {id}.");

    public static ProblemHttpResult CannotSuspendYourself() => Conflict("Cannot suspend yourself", "An admin cannot suspend their own account.");

    public static ProblemHttpResult CannotDeleteYourself() => Conflict("Cannot delete yourself", "An admin cannot delete their own account.");

    public static ProblemHttpResult AdminDeletesThemself() =>
        Conflict("Cannot delete an admin account yourself", "An admin account is deleted by another admin.");

    public static ProblemHttpResult DeletionNotFound(Guid userId) =>
        NotFound("Deletion not found", $"No deletion of an account with id {userId} is recorded.");

    public static ProblemHttpResult ExportNotFound(Guid id) => NotFound("Export not found", $"You have no export {id}.");

    public static ProblemHttpResult ExportExpired(Guid id, DateTimeOffset? expiresAt) => TypedResults.Problem(
        $"Export {id} expired at {expiresAt:u} and its archive is deleted; ask for a new one.",
        statusCode: StatusCodes.Status410Gone, title: "Export expired");

    public static ProblemHttpResult ExportFailed(string? error) => Conflict("Export failed", error);

    public static ProblemHttpResult ExportNotReady(Guid id) => Conflict("Export not ready", $"Export {id} is still being prepared.");

    public static ValidationProblem Invalid(IEnumerable<KeyValuePair<string, string[]>> errors, string? title = null) =>
        TypedResults.ValidationProblem(errors, title: title);

    public static ValidationProblem Invalid(string field, string message, string? title = null) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] }, title);

    private static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: title);

    private static ProblemHttpResult Conflict(string title, string? detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: title);

    private static ProblemHttpResult Unauthorized(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: title);
}
