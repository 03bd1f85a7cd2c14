using Microsoft.Extensions.Options;

namespace TalentLink.Offers.Services;

/// <summary>Applies <see cref="ApplicationFileRetention"/> on <c>Retention:Schedule</c> (cron, UTC; default daily at 03:30).</summary>
public sealed class ApplicationFileRetentionJob(
    ApplicationFileRetention retention, IOptionsMonitor<RetentionOptions> options, TimeProvider time, ILogger<ApplicationFileRetentionJob> logger)
    : ScheduledJob(time, logger)
{
    protected override string Name => "application file retention";

    protected override string Schedule => options.CurrentValue.Schedule;

    protected override Task RunAsync(CancellationToken cancellationToken) => retention.PurgeAsync(Time.GetUtcNow(), cancellationToken);
}
