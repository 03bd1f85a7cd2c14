namespace TalentLink.Auth.Apis;

/// <summary>The precise ProblemDetails the Auth endpoints answer with.</summary>
internal static class AuthProblems
{
    public static ProblemHttpResult EmailTaken() => Problems.Conflict("Email already registered", "An account with this email address already exists.");

    public static ProblemHttpResult InvalidCredentials() => Problems.Unauthorized("Invalid credentials", "The email or password is incorrect.");

    public static ProblemHttpResult SignInPaused(int seconds) => TypedResults.Problem(
        $"Too many wrong passwords for this account. Try again in {seconds} s.",
        statusCode: StatusCodes.Status429TooManyRequests, title: "Sign-in paused");

    public static ProblemHttpResult InvalidRefreshToken(string detail) => Problems.Unauthorized("Invalid refresh token", detail);

    public static ProblemHttpResult Suspended() => Problems.Forbidden("Account suspended", "This account is suspended. Contact support.");

    /// <summary>The caller's own account is gone (deleted while their token still verifies).</summary>
    public static ProblemHttpResult OwnAccountGone() => Problems.NotFound("Account not found", "The account no longer exists.");

    public static ProblemHttpResult AccountNotFound(Guid id) => Problems.NotFound("Account not found", $"No account has id {id}.");

    public static ProblemHttpResult CannotSuspendYourself() => Problems.Conflict("Cannot suspend yourself", "An admin cannot suspend their own account.");

    public static ProblemHttpResult CannotDeleteYourself() => Problems.Conflict("Cannot delete yourself", "An admin cannot delete their own account.");

    public static ProblemHttpResult AdminDeletesThemself() =>
        Problems.Conflict("Cannot delete an admin account yourself", "An admin account is deleted by another admin.");

    public static ProblemHttpResult DeletionNotFound(Guid userId) =>
        Problems.NotFound("Deletion not found", $"No deletion of an account with id {userId} is recorded.");

    public static ProblemHttpResult ExportNotFound(Guid id) => Problems.NotFound("Export not found", $"You have no export {id}.");

    public static ProblemHttpResult ExportExpired(Guid id, DateTimeOffset? expiresAt) => TypedResults.Problem(
        $"Export {id} expired at {expiresAt:u} and its archive is deleted; ask for a new one.",
        statusCode: StatusCodes.Status410Gone, title: "Export expired");

    public static ProblemHttpResult ExportFailed(string? error) => Problems.Conflict("Export failed", error);

    public static ProblemHttpResult ExportNotReady(Guid id) => Problems.Conflict("Export not ready", $"Export {id} is still being prepared.");

    public static ValidationProblem Invalid(IEnumerable<KeyValuePair<string, string[]>> errors, string? title = null) =>
        Problems.Invalid(errors, title);

    public static ValidationProblem Invalid(string field, string message, string? title = null) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] }, title);
}
