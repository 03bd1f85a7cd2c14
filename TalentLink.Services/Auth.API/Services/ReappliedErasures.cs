using Microsoft.Data.Sqlite;
using TalentLink.Data;
using TalentLink.Data.Replication;

namespace TalentLink.Auth.Services;

/// <summary>
/// After a point-in-time restore, erases again the accounts that had been erased after the restored
/// instant (see <see cref="ErasuresToReapply"/>): each through <see cref="AccountDeletions"/>, so
/// the token revocation and every service's erasure follow as for any deletion. Runs once at start,
/// after the migration, then removes the file.
/// </summary>
public sealed class ReappliedErasures(IServiceScopeFactory scopes, ServiceDatabase database, ILogger<ReappliedErasures> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Sqlite
            || SqliteFiles.PathOf(database.ConnectionString) is not { } path
            || ErasuresToReapply.Load(path) is not { } pending)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AuthContext>();
        var deletions = scope.ServiceProvider.GetRequiredService<AccountDeletions>();
        var wanted = pending.Erasures.ToDictionary(e => e.SubjectHash, e => e.Reason, StringComparer.Ordinal);
        var erased = 0;
        foreach (var user in await context.Users.ToListAsync(cancellationToken))
        {
            if (wanted.TryGetValue(TokenRevocation.HashSubject(user.Id.ToString()), out var reason))
            {
                await deletions.DeleteAsync(user, reason, cancellationToken);
                erased++;
            }
        }

        File.Delete(ErasuresToReapply.PathFor(Path.GetFullPath(path)));
        logger.LogWarning("Restored from a point in time: {Erased} account(s) erased after that instant were erased again ({Listed} listed).", erased, pending.Erasures.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
