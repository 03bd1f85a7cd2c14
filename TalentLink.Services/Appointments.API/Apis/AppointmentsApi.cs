using System.Security.Claims;

namespace TalentLink.Appointments.Apis;

/// <summary>
/// Interview appointments. A recruiter proposes slots for an application in review or at interview
/// stage; the other party books one; either party reschedules (a new proposal) or cancels with a
/// reason; the recruiter records the outcome afterwards. Only the two parties (and admins) see one.
/// </summary>
public static class AppointmentsApi
{
    public static RouteGroupBuilder MapAppointmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/appointments").WithTags("Appointments").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesValidationProblem();

        api.MapPost("/", Propose).RequireAuthorization(Policies.Recruiter)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("ProposeAppointment").WithSummary("Propose interview slots for an application to one of my offers");
        api.MapGet("/", ListMine)
            .WithName("ListMyAppointments").WithSummary("My upcoming (default) or past appointments, paged");
        api.MapGet("/{id:guid}", GetAppointment).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetAppointment").WithSummary("One appointment (its two parties and admins)");
        api.MapPost("/{id:guid}/book", Book).ProducesAppointmentChangeProblems().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("BookAppointment").WithSummary("Book one slot of a proposal made by the other party");
        api.MapPost("/{id:guid}/reschedule", Reschedule).ProducesAppointmentChangeProblems()
            .WithName("RescheduleAppointment").WithSummary("Replace the slots with a new proposal (releases a booked time)");
        api.MapPost("/{id:guid}/cancel", Cancel).ProducesAppointmentChangeProblems()
            .WithName("CancelAppointment").WithSummary("Cancel with a reason");
        api.MapPost("/{id:guid}/outcome", RecordOutcome).RequireAuthorization(Policies.Recruiter)
            .ProducesAppointmentChangeProblems().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("RecordAppointmentOutcome").WithSummary("After the interview: completed or no-show");
        api.MapGet("/{id:guid}/calendar.ics", ExportCalendar).ProducesAppointmentChangeProblems()
            .WithName("ExportAppointmentCalendar").WithSummary("A booked appointment as an iCalendar (.ics) file");

        return api;
    }

    public static async Task<Results<Created<AppointmentResponse>, ValidationProblem, ProblemHttpResult>> Propose(
        ProposeAppointmentRequest request, ClaimsPrincipal user, [AsParameters] AppointmentServices services, CancellationToken cancellationToken)
    {
        if (request.ApplicationId is not { } applicationId || applicationId == Guid.Empty)
        {
            return AppointmentProblems.Invalid("applicationId", "The application to interview for is required.");
        }

        if (request.Location is { Length: > AppointmentLimits.LocationMaxLength })
        {
            return AppointmentProblems.Invalid("location", $"The location is at most {AppointmentLimits.LocationMaxLength} characters.");
        }

        var recruiterId = user.GetUserId();
        JobApplication? application;
        try
        {
            application = await services.Applications.FindAsync(applicationId, cancellationToken);
        }
        catch (DependencyUnavailableException ex)
        {
            services.Logger.LogWarning(ex, "Cannot propose an appointment for application {ApplicationId}", applicationId);
            return ex.ToProblem();
        }

        if (application is null || application.RecruiterId != recruiterId)
        {
            return AppointmentProblems.ApplicationNotFound(applicationId);
        }

        if (application.Status is not (ApplicationStatus.InReview or ApplicationStatus.Interview))
        {
            return AppointmentProblems.Conflict("Application not at interview stage",
                $"The application is {WireEnum.Name(application.Status)}; interviews are proposed only for applications in review or at interview stage.");
        }

        var zone = await services.TimeZones.GetAsync(recruiterId, cancellationToken);
        var now = services.Time.GetUtcNow();
        if (!SlotRules.TryParse(request.Slots, services.Options.Value, zone, now, out var slots, out var errors))
        {
            return AppointmentProblems.Invalid(errors, "The proposed slots are invalid.");
        }

        var appointment = new Appointment
        {
            ApplicationId = application.Id,
            OfferId = application.OfferId,
            RecruiterId = application.RecruiterId,
            CandidateId = application.CandidateId,
            Location = string.IsNullOrWhiteSpace(request.Location) ? null : request.Location.Trim(),
            CreatedAt = now,
        };
        appointment.Propose(recruiterId, slots, now);
        services.Context.Appointments.Add(appointment);
        try
        {
            await services.Context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return AppointmentProblems.Conflict("Appointment already open",
                "This application already has a proposed or confirmed appointment; reschedule or cancel it instead.");
        }

        services.Logger.LogInformation("Recruiter {RecruiterId} proposed {SlotCount} slots for application {ApplicationId}", recruiterId, slots.Count, applicationId);
        return TypedResults.Created($"/api/appointments/{appointment.Id}", AppointmentResponse.From(appointment, zone));
    }

    public static async Task<Results<Ok<PagedResult<AppointmentResponse>>, ValidationProblem>> ListMine(
        [AsParameters] PageRequest page, string? scope, ClaimsPrincipal user,
        [AsParameters] AppointmentServices services, CancellationToken cancellationToken)
    {
        if (page.Validate() is { } errors)
        {
            return AppointmentProblems.Invalid(errors);
        }

        var upcoming = scope is null || scope.Equals("upcoming", StringComparison.OrdinalIgnoreCase);
        if (!upcoming && !scope!.Equals("past", StringComparison.OrdinalIgnoreCase))
        {
            return AppointmentProblems.Invalid("scope", "scope is 'upcoming' or 'past'.");
        }

        var userId = user.GetUserId();
        var now = services.Time.GetUtcNow();
        var mine = services.Context.Appointments.AsNoTracking().Where(a => a.RecruiterId == userId || a.CandidateId == userId);
        // Upcoming: a proposal with a slot still ahead, or a booked time not yet over. Everything else is past.
        var query = upcoming
            ? mine.Where(a => (a.Status == AppointmentStatus.Proposed && a.Slots.Any(s => s.StartsAt > now))
                    || (a.Status == AppointmentStatus.Confirmed && a.EndsAt > now))
                .OrderBy(a => a.StartsAt).ThenBy(a => a.Id)
            : mine.Where(a => !((a.Status == AppointmentStatus.Proposed && a.Slots.Any(s => s.StartsAt > now))
                    || (a.Status == AppointmentStatus.Confirmed && a.EndsAt > now)))
                .OrderByDescending(a => a.StartsAt).ThenBy(a => a.Id);

        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.Skip(page.Skip).Take(page.Size).Include(a => a.Slots).AsSplitQuery().ToListAsync(cancellationToken);
        var zone = await services.TimeZones.GetAsync(userId, cancellationToken);
        return TypedResults.Ok(new PagedResult<AppointmentResponse>(
            items.Select(a => AppointmentResponse.From(a, zone)).ToList(), page.Number, page.Size, total));
    }

    public static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> GetAppointment(
        Guid id, ClaimsPrincipal user, [AsParameters] AppointmentServices services, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId();
        var appointment = await services.Context.Appointments.AsNoTracking().Include(a => a.Slots)
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appointment is null || !(appointment.IsParty(userId) || user.IsInRole(Roles.Admin)))
        {
            return AppointmentProblems.NotFound(id);
        }

        return TypedResults.Ok(AppointmentResponse.From(appointment, await services.TimeZones.GetAsync(userId, cancellationToken)));
    }

    public static async Task<Results<Ok<AppointmentResponse>, ValidationProblem, ProblemHttpResult>> Book(
        Guid id, BookRequest request, ClaimsPrincipal user, [AsParameters] AppointmentServices services, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId();
        var appointment = await LoadForChangeAsync(services, id, cancellationToken);
        if (appointment is null || !appointment.IsParty(userId))
        {
            return AppointmentProblems.NotFound(id);
        }

        if (appointment.Status != AppointmentStatus.Proposed)
        {
            return AppointmentProblems.Conflict("Nothing to book",
                $"The appointment is {WireEnum.Name(appointment.Status)}; only a proposal can be booked.");
        }

        if (appointment.ProposedById == userId)
        {
            return AppointmentProblems.Forbidden("You made this proposal; the other party books one of its slots.");
        }

        var slot = appointment.Slots.SingleOrDefault(s => s.Id == request.SlotId);
        if (slot is null)
        {
            return AppointmentProblems.Invalid("slotId", "Choose one of the slots of this proposal.");
        }

        var now = services.Time.GetUtcNow();
        if (slot.StartsAt <= now)
        {
            return AppointmentProblems.Conflict("Slot in the past", "That slot has already started; choose a later one or ask for a new proposal.");
        }

        appointment.Book(slot, now);
        if (await SaveAsync(services, cancellationToken) is { } problem)
        {
            return problem;
        }

        services.Logger.LogInformation("Appointment {AppointmentId} booked for {StartsAt}", appointment.Id, slot.StartsAt);
        return TypedResults.Ok(AppointmentResponse.From(appointment, await services.TimeZones.GetAsync(userId, cancellationToken)));
    }

    public static async Task<Results<Ok<AppointmentResponse>, ValidationProblem, ProblemHttpResult>> Reschedule(
        Guid id, RescheduleRequest request, ClaimsPrincipal user, [AsParameters] AppointmentServices services, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId();
        var appointment = await LoadForChangeAsync(services, id, cancellationToken);
        if (appointment is null || !appointment.IsParty(userId))
        {
            return AppointmentProblems.NotFound(id);
        }

        if (!appointment.IsOpen)
        {
            return AppointmentProblems.NotOpen(appointment);
        }

        var recruiterZone = await services.TimeZones.GetAsync(appointment.RecruiterId, cancellationToken);
        var now = services.Time.GetUtcNow();
        if (!SlotRules.TryParse(request.Slots, services.Options.Value, recruiterZone, now, out var slots, out var errors))
        {
            return AppointmentProblems.Invalid(errors, "The proposed slots are invalid.");
        }

        appointment.Propose(userId, slots, now);
        if (await SaveAsync(services, cancellationToken) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(AppointmentResponse.From(appointment, await services.TimeZones.GetAsync(userId, cancellationToken)));
    }

    public static async Task<Results<Ok<AppointmentResponse>, ValidationProblem, ProblemHttpResult>> Cancel(
        Guid id, CancelRequest request, ClaimsPrincipal user, [AsParameters] AppointmentServices services, CancellationToken cancellationToken)
    {
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > AppointmentLimits.ReasonMaxLength)
        {
            return AppointmentProblems.Invalid("reason", $"Say why you cancel, in 1 to {AppointmentLimits.ReasonMaxLength} characters.");
        }

        var userId = user.GetUserId();
        var appointment = await LoadForChangeAsync(services, id, cancellationToken);
        if (appointment is null || !appointment.IsParty(userId))
        {
            return AppointmentProblems.NotFound(id);
        }

        if (!appointment.IsOpen)
        {
            return AppointmentProblems.NotOpen(appointment);
        }

        appointment.Cancel(userId, reason, services.Time.GetUtcNow());
        if (await SaveAsync(services, cancellationToken) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(AppointmentResponse.From(appointment, await services.TimeZones.GetAsync(userId, cancellationToken)));
    }

    public static async Task<Results<Ok<AppointmentResponse>, ValidationProblem, ProblemHttpResult>> RecordOutcome(
        Guid id, OutcomeRequest request, ClaimsPrincipal user, [AsParameters] AppointmentServices services, CancellationToken cancellationToken)
    {
        if (!WireEnum.TryParse<AppointmentStatus>(request.Outcome, out var outcome)
            || outcome is not (AppointmentStatus.Completed or AppointmentStatus.NoShow))
        {
            return AppointmentProblems.Invalid("outcome",
                $"outcome is {WireEnum.OneOf([WireEnum.Name(AppointmentStatus.Completed), WireEnum.Name(AppointmentStatus.NoShow)])}.");
        }

        var userId = user.GetUserId();
        var appointment = await LoadForChangeAsync(services, id, cancellationToken);
        if (appointment is null || appointment.RecruiterId != userId)
        {
            return AppointmentProblems.NotFound(id);
        }

        if (appointment.Status != AppointmentStatus.Confirmed)
        {
            return AppointmentProblems.Conflict("No booked interview",
                $"The appointment is {WireEnum.Name(appointment.Status)}; an outcome is recorded only for a confirmed appointment.");
        }

        var now = services.Time.GetUtcNow();
        var due = outcome == AppointmentStatus.Completed ? appointment.EndsAt : appointment.StartsAt;
        if (due > now)
        {
            return AppointmentProblems.Conflict("Interview not over",
                $"The interview has not {(outcome == AppointmentStatus.Completed ? "ended" : "started")} yet (it is at {appointment.StartsAt:u}).");
        }

        appointment.Status = outcome;
        appointment.Touch(now);
        if (await SaveAsync(services, cancellationToken) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(AppointmentResponse.From(appointment, await services.TimeZones.GetAsync(userId, cancellationToken)));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportCalendar(
        Guid id, ClaimsPrincipal user, [AsParameters] AppointmentServices services, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId();
        var appointment = await services.Context.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appointment is null || !(appointment.IsParty(userId) || user.IsInRole(Roles.Admin)))
        {
            return AppointmentProblems.NotFound(id);
        }

        if (appointment.Status is not (AppointmentStatus.Confirmed or AppointmentStatus.Completed or AppointmentStatus.NoShow))
        {
            return AppointmentProblems.Conflict("Not booked",
                $"The appointment is {WireEnum.Name(appointment.Status)}; only a booked appointment has a time to export.");
        }

        var calendar = AppointmentCalendar.Export(appointment, services.Time.GetUtcNow());
        return TypedResults.File(calendar, AppointmentCalendar.ContentType, $"interview-{appointment.Id}.ics");
    }

    private static Task<Appointment?> LoadForChangeAsync(AppointmentServices services, Guid id, CancellationToken cancellationToken) =>
        services.Context.Appointments.Include(a => a.Slots).Include(a => a.BusyTimes).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    /// <summary>Saves, turning the database's verdicts (overlap, concurrent change) into 409s.</summary>
    private static async Task<ProblemHttpResult?> SaveAsync(AppointmentServices services, CancellationToken cancellationToken)
    {
        try
        {
            await services.Context.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return AppointmentProblems.ChangedMeanwhile();
        }
        catch (DbUpdateException ex) when (ex.IsConstraintViolation(BusyTime.NoOverlapConstraint))
        {
            return AppointmentProblems.Overlap();
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return AppointmentProblems.ChangedMeanwhile();
        }
    }
}
