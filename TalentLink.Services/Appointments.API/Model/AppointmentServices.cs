using Microsoft.Extensions.Options;

namespace TalentLink.Appointments.Model;

/// <summary>What the Appointments endpoints depend on, injected as one <c>[AsParameters]</c> argument.</summary>
public sealed class AppointmentServices(
    AppointmentContext context,
    IApplicationDirectory applications,
    UserTimeZones timeZones,
    IOptions<SchedulingOptions> options,
    TimeProvider time,
    ILogger<AppointmentServices> logger)
{
    public AppointmentContext Context { get; } = context;
    public IApplicationDirectory Applications { get; } = applications;
    public UserTimeZones TimeZones { get; } = timeZones;
    public IOptions<SchedulingOptions> Options { get; } = options;
    public TimeProvider Time { get; } = time;
    public ILogger<AppointmentServices> Logger { get; } = logger;
}
