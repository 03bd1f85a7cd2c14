namespace TalentLink.Reports.Apis;

/// <summary>The precise ProblemDetails the Reports endpoints answer with.</summary>
internal static class ReportProblems
{
    public static ProblemHttpResult NotFound(Guid id) => Problems.NotFound("Report not found", $"No report has id {id}.");

    public static ProblemHttpResult Closed(Report report) => Problems.Conflict("Report closed",
        $"The report is {WireEnum.Name(report.Status)}; only an open or in-review report can change.");

    public static ProblemHttpResult ChangedMeanwhile() => Problems.Conflict("Report changed meanwhile",
        "Another admin changed this report at the same moment. Reload it and try again.");

    public static ProblemHttpResult Conflict(string title, string detail) => Problems.Conflict(title, detail);

    public static ValidationProblem Invalid(string field, string message) => Problems.Invalid(field, message);

    public static ValidationProblem Invalid(IEnumerable<KeyValuePair<string, string[]>> errors, string? title = null) =>
        Problems.Invalid(errors, title);

    /// <summary>What changing a report can answer: no such report (404), or it is closed or changed meanwhile (409).</summary>
    public static RouteHandlerBuilder ProducesReportChangeProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
