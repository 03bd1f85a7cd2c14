using Cronos;
using Microsoft.Extensions.Options;

namespace TalentLink.Offers.Services;

/// <summary>Applies <see cref="ApplicationFileRetention"/> on <c>Retention:Schedule</c> (cron, UTC; default daily at 03:30).</summary>
public sealed class ApplicationFileRetentionJob(
    ApplicationFileRetention retention, IOptionsMonitor<RetentionOptions> options, TimeProvider time, ILogger<ApplicationFileRetentionJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = CronExpression.Parse(options.CurrentValue.Schedule).GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null)
            {
                logger.LogWarning("Retention schedule {Schedule} has no next occurrence; file retention is off", options.CurrentValue.Schedule);
                return;
            }

            try
            {
                await Task.Delay(next.Value - now, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await retention.PurgeAsync(time.GetUtcNow(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Scheduled application file retention failed; it runs again at the next occurrence");
            }
        }
    }
}
