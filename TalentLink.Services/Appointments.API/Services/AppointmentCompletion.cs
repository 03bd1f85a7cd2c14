using Microsoft.Extensions.Options;

namespace TalentLink.Appointments.Services;

/// <summary>
/// Past interviews do not stay "confirmed" forever: the recruiter records completed or no-show, and
/// a confirmed interview whose end is more than <see cref="SchedulingOptions.CompleteAfter"/> ago
/// with nothing recorded becomes completed.
/// </summary>
public sealed class AppointmentCompletion(
    IServiceScopeFactory scopes, IOptions<SchedulingOptions> options, TimeProvider time, ILogger<AppointmentCompletion> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CompletionSweepInterval, time);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var context = scope.ServiceProvider.GetRequiredService<AppointmentContext>();
                var completed = await CompleteOverdueAsync(context, time.GetUtcNow() - options.Value.CompleteAfter, time.GetUtcNow(), stoppingToken);
                if (completed > 0)
                {
                    logger.LogInformation("Marked {Count} past interviews as completed", completed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not complete past interviews; retrying at the next sweep");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Completes confirmed interviews that ended before <paramref name="endedBefore"/>; returns how many.</summary>
    public static Task<int> CompleteOverdueAsync(
        AppointmentContext context, DateTimeOffset endedBefore, DateTimeOffset now, CancellationToken cancellationToken) =>
        context.Appointments
            .Where(a => a.Status == AppointmentStatus.Confirmed && a.EndsAt < endedBefore)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Status, AppointmentStatus.Completed)
                .SetProperty(a => a.UpdatedAt, StorageTime.Truncate(now))
                .SetProperty(a => a.Version, a => a.Version + 1), cancellationToken);
}
