using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace TalentLink.Appointments.Apis;

/// <summary>The signed-in user's time zone: local times in responses and working hours use it.</summary>
public static class TimeZonesApi
{
    public static RouteGroupBuilder MapTimeZonesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/appointments/me").WithTags("Appointments").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapGet("/time-zone", GetTimeZone).WithName("GetMyTimeZone").WithSummary("My time zone (the default until I choose one)");
        api.MapPut("/time-zone", SetTimeZone).ProducesValidationProblem().WithName("SetMyTimeZone").WithSummary("Choose my time zone (an IANA id such as Europe/Paris)");

        return api;
    }

    public static async Task<Ok<TimeZoneResponse>> GetTimeZone(
        ClaimsPrincipal user, AppointmentContext context, IOptions<SchedulingOptions> options, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId();
        var chosen = await context.UserTimeZones.AsNoTracking().SingleOrDefaultAsync(z => z.UserId == userId, cancellationToken);
        return TypedResults.Ok(new TimeZoneResponse(chosen?.TimeZoneId ?? options.Value.DefaultTimeZone, chosen is null));
    }

    public static async Task<Results<Ok<TimeZoneResponse>, ValidationProblem>> SetTimeZone(
        TimeZoneRequest request, ClaimsPrincipal user, AppointmentContext context, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!TimeZones.TryFind(request.TimeZone?.Trim(), out var zone))
        {
            return AppointmentProblems.Invalid("timeZone",
                $"'{request.TimeZone}' is not a known IANA time zone id (for example Europe/Paris, America/New_York or UTC).");
        }

        var userId = user.GetUserId();
        for (var attempt = 0; ; attempt++)
        {
            var chosen = await context.UserTimeZones.SingleOrDefaultAsync(z => z.UserId == userId, cancellationToken);
            if (chosen is null)
            {
                chosen = new UserTimeZone { UserId = userId, TimeZoneId = zone.Id };
                context.UserTimeZones.Add(chosen);
            }

            chosen.TimeZoneId = zone.Id;
            chosen.UpdatedAt = time.GetUtcNow();
            try
            {
                await context.SaveChangesAsync(cancellationToken);
                return TypedResults.Ok(new TimeZoneResponse(zone.Id, false));
            }
            catch (DbUpdateException ex) when (attempt == 0 && ex.IsUniqueViolation())
            {
                // A concurrent first choice by the same user won the insert: update theirs instead.
                context.ChangeTracker.Clear();
            }
        }
    }
}
