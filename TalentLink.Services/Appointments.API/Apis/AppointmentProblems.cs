namespace TalentLink.Appointments.Apis;

/// <summary>The precise ProblemDetails the Appointments endpoints answer with.</summary>
internal static class AppointmentProblems
{
    public static ProblemHttpResult NotFound(Guid id) => Problems.NotFound("Appointment not found", $"No appointment {id} exists that you take part in.");

    public static ProblemHttpResult ApplicationNotFound(Guid id) => Problems.NotFound("Application not found", $"No application {id} to one of your offers exists.");

    public static ProblemHttpResult Conflict(string title, string detail) => Problems.Conflict(title, detail);

    public static ProblemHttpResult Forbidden(string detail) => Problems.Forbidden("Not allowed", detail);

    public static ProblemHttpResult NotOpen(Appointment appointment) => Conflict(
        "Appointment closed",
        $"The appointment is {WireEnum.Name(appointment.Status)}; only a proposed or confirmed appointment can change.");

    public static ProblemHttpResult ChangedMeanwhile() => Conflict(
        "Appointment changed meanwhile", "Someone changed this appointment at the same moment. Reload it and try again.");

    public static ProblemHttpResult Overlap() => Conflict(
        "Time already booked",
        "This time overlaps another confirmed appointment of the recruiter or the candidate. Choose another slot or propose new times.");

    public static ValidationProblem Invalid(string field, string message) => Problems.Invalid(field, message);

    public static ValidationProblem Invalid(IEnumerable<KeyValuePair<string, string[]>> errors, string? title = null) =>
        Problems.Invalid(errors, title);

    /// <summary>What acting on an appointment can answer: not one of yours (404), or not in a state for it (409).</summary>
    public static RouteHandlerBuilder ProducesAppointmentChangeProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
