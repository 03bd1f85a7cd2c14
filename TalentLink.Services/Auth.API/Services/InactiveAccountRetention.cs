using Microsoft.Extensions.Options;
using TalentLink.Data;

namespace TalentLink.Auth.Services;

/// <summary>
/// Accounts inactive (no sign-in or refresh, else since creation) for
/// <see cref="RetentionOptions.InactiveAccountMonths"/> are warned; those still inactive
/// <see cref="RetentionOptions.WarningGraceDays"/> after the warning are deleted through the same
/// outbox as any deletion. Any activity clears the warning. Admins are never removed by it. Logs
/// counts, never who.
/// </summary>
public sealed class InactiveAccountRetention(AuthContext context, AccountDeletions deletions, IOptions<RetentionOptions> options, TimeProvider time, ILogger<InactiveAccountRetention> logger)
{
    public async Task<InactiveAccountsPlan> PlanAsync(CancellationToken cancellationToken)
    {
        var (inactiveSince, warnedBefore) = Thresholds();
        return new InactiveAccountsPlan(
            await ToWarn(inactiveSince).CountAsync(cancellationToken),
            await ToDelete(inactiveSince, warnedBefore).CountAsync(cancellationToken),
            inactiveSince,
            warnedBefore);
    }

    public async Task<InactiveAccountsPlan> ApplyAsync(CancellationToken cancellationToken)
    {
        var (inactiveSince, warnedBefore) = Thresholds();
        var toDelete = await ToDelete(inactiveSince, warnedBefore).ToListAsync(cancellationToken);
        foreach (var user in toDelete)
        {
            await deletions.DeleteAsync(user, DeletionReasons.Inactivity, cancellationToken);
        }

        var now = time.GetUtcNowForStorage(); // a bulk update: no save cuts it to the microsecond
        var warned = await ToWarn(inactiveSince).ExecuteUpdateAsync(set => set.SetProperty(u => u.InactivityWarnedAt, now), cancellationToken);
        logger.LogInformation("Inactive-account retention: {Warned} accounts warned, {Deleted} deleted", warned, toDelete.Count);
        return new InactiveAccountsPlan(warned, toDelete.Count, inactiveSince, warnedBefore);
    }

    private (DateTimeOffset InactiveSince, DateTimeOffset WarnedBefore) Thresholds()
    {
        var now = time.GetUtcNow();
        return (now.AddMonths(-options.Value.InactiveAccountMonths), now.AddDays(-options.Value.WarningGraceDays));
    }

    private IQueryable<User> Inactive(DateTimeOffset inactiveSince) =>
        context.Users.Where(u => u.Role != Roles.Admin && (u.LastActiveAt ?? u.CreatedAt) < inactiveSince);

    private IQueryable<User> ToWarn(DateTimeOffset inactiveSince) => Inactive(inactiveSince).Where(u => u.InactivityWarnedAt == null);

    private IQueryable<User> ToDelete(DateTimeOffset inactiveSince, DateTimeOffset warnedBefore) =>
        Inactive(inactiveSince).Where(u => u.InactivityWarnedAt != null && u.InactivityWarnedAt < warnedBefore);
}

/// <summary>Runs <see cref="InactiveAccountRetention"/> on <c>Retention:Schedule</c> (cron, UTC; default daily at 03:15).</summary>
public sealed class InactiveAccountRetentionJob(IServiceScopeFactory scopeFactory, IOptionsMonitor<RetentionOptions> options, TimeProvider time, ILogger<InactiveAccountRetentionJob> logger)
    : ScheduledJob(time, logger)
{
    protected override string Name => "inactive-account retention";

    protected override string Schedule => options.CurrentValue.Schedule;

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InactiveAccountRetention>().ApplyAsync(cancellationToken);
    }
}
