namespace TalentLink.Reports.Apis;

/// <summary>The precise ProblemDetails the Reports endpoints answer with.</summary>
internal static class ReportProblems
{
    public static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        $"No report has id {id}.", statusCode: StatusCodes.Status404NotFound, title: "Report not found");

    public static ProblemHttpResult Closed(Report report) => Conflict("Report closed",
        $"The report is {WireEnum.Name(report.Status)}; only an open or in-review report can change.");

    public static ProblemHttpResult ChangedMeanwhile() => Conflict("Report changed meanwhile",
        "Another admin changed this report at the same moment. Reload it and try again.");

    public static ProblemHttpResult Conflict(string title, string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status409Conflict, title: title);

    public static ValidationProblem Invalid(string field, string message) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IEnumerable<KeyValuePair<string, string[]>> errors, string? title = null) =>
        TypedResults.ValidationProblem(errors, title: title);

    /// <summary>What changing a report can answer: no such report (404), or it is closed or changed meanwhile (409).</summary>
    public static RouteHandlerBuilder ProducesReportChangeProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
