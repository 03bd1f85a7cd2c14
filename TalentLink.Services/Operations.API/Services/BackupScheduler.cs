using Cronos;
using Microsoft.Extensions.Options;

namespace TalentLink.Operations.Api.Services;

/// <summary>Runs the backup on <c>Operations:BackupSchedule</c> (cron, UTC; default daily at 02:00).</summary>
public sealed class BackupScheduler(BackupRunner runner, IOptionsMonitor<OperationsOptions> options, TimeProvider time, ILogger<BackupScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var schedule = CronExpression.Parse(options.CurrentValue.BackupSchedule);
            var now = time.GetUtcNow();
            var next = schedule.GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null)
            {
                logger.LogWarning("Backup schedule {Schedule} has no next occurrence; scheduled backups are off", options.CurrentValue.BackupSchedule);
                return;
            }

            logger.LogInformation("Next scheduled backup at {Next:u}", next);
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
                var result = await runner.TryRunAsync(stoppingToken);
                if (result is null)
                {
                    logger.LogInformation("Scheduled backup skipped: a backup is already running");
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Scheduled backup failed");
            }
        }
    }
}
