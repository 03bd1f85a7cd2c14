using Microsoft.Extensions.Options;

namespace TalentLink.Appointments.Services;

/// <summary>Each user's chosen time zone, or the configured default.</summary>
public sealed class UserTimeZones(AppointmentContext context, IOptions<SchedulingOptions> options)
{
    public async Task<TimeZoneInfo> GetAsync(Guid userId, CancellationToken cancellationToken)
    {
        var id = await context.UserTimeZones.AsNoTracking()
            .Where(z => z.UserId == userId)
            .Select(z => z.TimeZoneId)
            .SingleOrDefaultAsync(cancellationToken);
        return TimeZones.TryFind(id ?? options.Value.DefaultTimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    }
}
