namespace TalentLink.Operations.Worker.Apis;

/// <summary>The precise ProblemDetails the operations endpoints answer with.</summary>
internal static class OperationsProblems
{
    public static ProblemHttpResult BackupAlreadyRunning() => Problems.Conflict("A backup is already running", "Wait for the running backup to finish, then try again.");

    public static ProblemHttpResult BackupIncomplete(string archive, IEnumerable<string> missing) => Problems.Unprocessable(
        "The backup is incomplete", $"{archive} is not a good backup: {string.Join("; ", missing)}");

    public static ProblemHttpResult BackupFailedVerification(string archive, IEnumerable<string> problems) => Problems.Unprocessable(
        "The backup failed verification", $"{archive} is not a good backup: {string.Join("; ", problems)}");

    public static ProblemHttpResult ReplicaUnreadable(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The replica cannot be read");
}
