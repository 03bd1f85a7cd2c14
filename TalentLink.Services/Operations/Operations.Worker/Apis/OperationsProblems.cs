namespace TalentLink.Operations.Worker.Apis;

/// <summary>The precise ProblemDetails the operations endpoints answer with.</summary>
internal static class OperationsProblems
{
    public static ProblemHttpResult BackupAlreadyRunning() => TypedResults.Problem(
        "Wait for the running backup to finish, then try again.", statusCode: StatusCodes.Status409Conflict, title: "A backup is already running");

    public static ProblemHttpResult BackupIncomplete(string archive, IEnumerable<string> missing) => Unprocessable(
        "The backup is incomplete", $"{archive} is not a good backup: {string.Join("; ", missing)}");

    public static ProblemHttpResult BackupFailedVerification(string archive, IEnumerable<string> problems) => Unprocessable(
        "The backup failed verification", $"{archive} is not a good backup: {string.Join("; ", problems)}");

    public static ProblemHttpResult ReplicaUnreadable(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The replica cannot be read");

    private static ProblemHttpResult Unprocessable(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: title);
}
