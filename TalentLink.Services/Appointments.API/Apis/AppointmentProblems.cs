namespace TalentLink.Appointments.Apis;

/// <summary>The precise ProblemDetails the Appointments endpoints answer with.</summary>
internal static class AppointmentProblems
{
    public static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        $"No appointment {id} exists that you take part in.", statusCode: StatusCodes.Status404NotFound, title: "Appointment not found");

    public static ProblemHttpResult ApplicationNotFound(Guid id) => TypedResults.Problem(
        $"No application {id} to one of your offers exists.", statusCode: StatusCodes.Status404NotFound, title: "Application not found");

    public static ProblemHttpResult Conflict(string title, string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status409Conflict, title: title);

    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");

    public static ProblemHttpResult NotOpen(Appointment appointment) => Conflict(
        "Appointment closed",
        $"The appointment is {WireEnum.Name(appointment.Status)}; only a proposed or confirmed appointment can change.");

    public static ProblemHttpResult ChangedMeanwhile() => Conflict(
        "Appointment changed meanwhile", "Someone changed this appointment at the same moment. Reload it and try again.");

    public static ProblemHttpResult Overlap() => Conflict(
        "Time already booked",
        "This time overlaps another confirmed appointment of the recruiter or the candidate. Choose another slot or propose new times.");

    public static ValidationProblem Invalid(string field, string message) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IEnumerable<KeyValuePair<string, string[]>> errors, string? title = null) =>
        TypedResults.ValidationProblem(errors, title: title);

    /// <summary>What acting on an appointment can answer: not one of yours (404), or not in a state for it (409).</summary>
    public static RouteHandlerBuilder ProducesAppointmentChangeProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
