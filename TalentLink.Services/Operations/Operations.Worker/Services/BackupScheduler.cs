using Microsoft.Extensions.Options;

namespace TalentLink.Operations.Worker.Services;

/// <summary>Runs the backup on <c>Operations:BackupSchedule</c> (cron, UTC; default daily at 02:00).</summary>
public sealed class BackupScheduler(BackupRunner runner, IOptionsMonitor<OperationsOptions> options, TimeProvider time, ILogger<BackupScheduler> logger)
    : ScheduledJob(time, logger)
{
    protected override string Name => "backup";

    protected override string Schedule => options.CurrentValue.BackupSchedule;

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await runner.TryRunAsync(cancellationToken) is null)
        {
            Logger.LogInformation("Scheduled backup skipped: a backup is already running");
        }
    }
}
