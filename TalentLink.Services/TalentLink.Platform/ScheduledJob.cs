using Cronos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TalentLink.Platform;

/// <summary>
/// A background job that runs on a cron schedule (UTC), read again before every run so a changed
/// setting applies from the next occurrence. A failed run is logged and the job waits for the next
/// occurrence; a schedule with no next occurrence turns the job off (with a warning).
/// </summary>
public abstract class ScheduledJob(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected ILogger Logger { get; } = logger;

    /// <summary>What the logs call the job.</summary>
    protected abstract string Name { get; }

    /// <summary>The cron expression (five fields, UTC).</summary>
    protected abstract string Schedule { get; }

    protected abstract Task RunAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var schedule = Schedule;
            var now = Time.GetUtcNow();
            var next = CronExpression.Parse(schedule).GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null)
            {
                Logger.LogWarning("The {Job} schedule {Schedule} has no next occurrence; the job is off", Name, schedule);
                return;
            }

            Logger.LogInformation("Next {Job} at {Next:u}", Name, next);
            try
            {
                await Task.Delay(next.Value - now, Time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logger.LogError(ex, "Scheduled {Job} failed; it runs again at the next occurrence", Name);
            }
        }
    }
}
