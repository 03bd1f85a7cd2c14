namespace TalentLink.Auth.Services;

/// <summary>
/// Publishes token revocations: the record is added to the caller's unit of work (it commits with the
/// suspension, deletion or password change that causes it, or not at all) and, once saved, Auth's own
/// list learns it at once; the other services learn it at their next poll.
/// </summary>
public sealed class RevocationPublisher(AuthContext context, TokenRevocationList revocations)
{
    /// <summary>Every access token of the user issued up to <paramref name="at"/> stops working.</summary>
    public void RevokeUser(Guid userId, DateTimeOffset at) => Publish(revocations.HashOf(userId.ToString()), at);

    /// <summary>Every access token of one session (refresh-token family, the <c>sid</c> claim) issued up to <paramref name="at"/> stops working.</summary>
    public void RevokeSession(Guid sessionId, DateTimeOffset at) => Publish(revocations.HashOfSession(sessionId.ToString()), at);

    private void Publish(string hash, DateTimeOffset at)
    {
        context.TokenRevocations.Add(new TokenRevocationRecord { SubjectHash = hash, RevokedAt = at });
        EventHandler<SavedChangesEventArgs>? applied = null;
        applied = (_, _) =>
        {
            context.SavedChanges -= applied;
            revocations.Revoke(hash, at);
        };
        context.SavedChanges += applied;
    }
}

/// <summary>Auth reads the feed it publishes straight from its database.</summary>
public sealed class LocalTokenRevocationFeed(IServiceScopeFactory scopes, TimeProvider time) : ITokenRevocationFeed
{
    public async Task<IReadOnlyList<TokenRevocation>> ReadAfterAsync(long afterId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuthContext>().ReadRevocationsAsync(afterId, time, cancellationToken);
    }
}

public static class TokenRevocationQueries
{
    /// <summary>The published revocations after a feed position (at most 1,000, oldest first), for the last <see cref="TokenRevocation.PublishedFor"/>.</summary>
    public static async Task<IReadOnlyList<TokenRevocation>> ReadRevocationsAsync(this AuthContext context, long afterId, TimeProvider time, CancellationToken cancellationToken)
    {
        var horizon = time.GetUtcNow() - TokenRevocation.PublishedFor;
        return await context.TokenRevocations.AsNoTracking()
            .Where(r => r.Id > afterId && r.RevokedAt >= horizon)
            .OrderBy(r => r.Id)
            .Take(1000)
            .Select(r => new TokenRevocation(r.Id, r.SubjectHash, r.RevokedAt))
            .ToListAsync(cancellationToken);
    }
}
