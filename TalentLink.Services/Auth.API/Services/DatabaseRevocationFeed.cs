namespace TalentLink.Auth.Services;

/// <summary>Inside Auth, token revocations are read from auth.db directly (other services poll <c>/api/auth/revocations</c>).</summary>
public sealed class DatabaseRevocationFeed(IServiceScopeFactory scopeFactory, TimeProvider time) : ITokenRevocationFeed
{
    public async Task<IReadOnlyList<TokenRevocation>> ReadAfterAsync(long afterId, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        return await ReadAsync(scope.ServiceProvider.GetRequiredService<AuthContext>(), afterId, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>The published revocations (those younger than <see cref="TokenRevocation.PublishedFor"/>) after an id.</summary>
    public static async Task<IReadOnlyList<TokenRevocation>> ReadAsync(AuthContext context, long afterId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var horizon = now - TokenRevocation.PublishedFor;
        return await context.TokenRevocations.AsNoTracking()
            .Where(r => r.Id > afterId && r.RevokedAt >= horizon)
            .OrderBy(r => r.Id)
            .Take(1000)
            .Select(r => new TokenRevocation(r.Id, r.SubjectHash, r.RevokedAt))
            .ToListAsync(cancellationToken);
    }
}
