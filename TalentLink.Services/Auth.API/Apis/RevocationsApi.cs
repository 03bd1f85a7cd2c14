namespace TalentLink.Auth.Apis;

/// <summary>
/// The token revocation feed every service polls (see <c>TokenRevocationExtensions</c>). Like the
/// JWKS it is verification material and needs no token: it holds only SHA-256 hashes of user ids
/// and times, for the last two hours.
/// </summary>
public static class RevocationsApi
{
    public static RouteHandlerBuilder MapRevocationsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("api/auth/revocations", GetRevocations)
            .AllowAnonymous()
            .WithTags("Discovery")
            .WithName("GetTokenRevocations")
            .WithSummary("Subjects (hashed) whose tokens issued up to a time are revoked, after a feed position");

    public static async Task<Results<Ok<IReadOnlyList<TokenRevocation>>, ValidationProblem>> GetRevocations(
        long? after, AuthContext context, TimeProvider time, CancellationToken cancellationToken)
    {
        if (after < 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["after"] = ["The feed position cannot be negative."] });
        }

        var horizon = time.GetUtcNow() - TokenRevocation.PublishedFor;
        return TypedResults.Ok<IReadOnlyList<TokenRevocation>>(await context.TokenRevocations.AsNoTracking()
            .Where(r => r.Id > (after ?? 0) && r.RevokedAt >= horizon)
            .OrderBy(r => r.Id)
            .Take(1000)
            .Select(r => new TokenRevocation(r.Id, r.SubjectHash, r.RevokedAt))
            .ToListAsync(cancellationToken));
    }
}
