namespace TalentLink.Appointments.Services;

/// <summary>
/// A user's data in Appointments. Erasing cancels their open appointments that have not ended yet,
/// with a reason the other party sees in their appointment list; every appointment and held time
/// then refers to an anonymous id instead of the user, and their time zone is forgotten.
/// </summary>
public sealed class AppointmentsPersonalData(AppointmentContext context, UserTimeZones timeZones, TimeProvider time, ILogger<AppointmentsPersonalData> logger)
    : IPersonalDataStore
{
    public const string CancellationReason = "The other participant deleted their account.";

    public async Task<object> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var zone = await timeZones.GetAsync(userId, cancellationToken);
        var appointments = await context.Appointments.AsNoTracking().Include(a => a.Slots)
            .Where(a => a.RecruiterId == userId || a.CandidateId == userId)
            .OrderBy(a => a.CreatedAt)
            .ToListAsync(cancellationToken);
        var chosenZone = await context.UserTimeZones.AsNoTracking().Where(z => z.UserId == userId).Select(z => z.TimeZoneId).SingleOrDefaultAsync(cancellationToken);
        return new AppointmentsExport(chosenZone, appointments.Select(a => AppointmentResponse.From(a, zone)).ToList());
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var anonymous = Guid.NewGuid();
        var strategy = context.Database.CreateExecutionStrategy();
        var (cancelled, anonymised) = await strategy.ExecuteAsync(async () =>
        {
            context.ChangeTracker.Clear();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);

            var appointments = await context.Appointments.Include(a => a.BusyTimes)
                .Where(a => a.RecruiterId == userId || a.CandidateId == userId)
                .ToListAsync(cancellationToken);
            var cancelled = 0;
            foreach (var appointment in appointments)
            {
                if (appointment.IsOpen && appointment.EndsAt > now)
                {
                    appointment.Cancel(anonymous, CancellationReason, now);
                    cancelled++;
                }

                appointment.RecruiterId = Replace(appointment.RecruiterId);
                appointment.CandidateId = Replace(appointment.CandidateId);
                appointment.ProposedById = Replace(appointment.ProposedById);
                appointment.CancelledById = appointment.CancelledById is { } by ? Replace(by) : null;
                foreach (var busy in appointment.BusyTimes)
                {
                    busy.ParticipantId = Replace(busy.ParticipantId);
                }
            }

            await context.SaveChangesAsync(cancellationToken);
            await context.UserTimeZones.Where(z => z.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (cancelled, appointments.Count);
        });

        logger.LogInformation("Erased personal data: {Cancelled} appointments cancelled, {Anonymised} anonymised", cancelled, anonymised);

        Guid Replace(Guid id) => id == userId ? anonymous : id;
    }
}

/// <summary>The chosen time zone (null: the default) and the appointments, in that zone.</summary>
public sealed record AppointmentsExport(string? TimeZone, IReadOnlyList<AppointmentResponse> Appointments);
