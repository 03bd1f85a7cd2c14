namespace TalentLink.Auth.Apis;

/// <summary>
/// The token revocation feed every service polls (see <c>TokenRevocationExtensions</c>). Like the
/// JWKS it is verification material and needs no token: it holds only HMACs of user and session ids
/// under the services' shared <c>Identity:RevocationKey</c>, and times, for the last two hours, so a
/// reader without the key cannot tell whether a user id they know is listed.
/// </summary>
public static class RevocationsApi
{
    public static RouteGroupBuilder MapRevocationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/auth").WithTags("Discovery").AllowAnonymous();
        api.MapGet("/revocations", GetRevocations)
            .ProducesValidationProblem()
            .WithName("GetTokenRevocations")
            .WithSummary("Subjects and sessions (keyed hashes) whose tokens issued up to a time are revoked, after a feed position");
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<TokenRevocation>>, ValidationProblem>> GetRevocations(
        long? after, AuthContext context, TimeProvider time, CancellationToken cancellationToken)
    {
        if (after < 0)
        {
            return AuthProblems.Invalid("after", "The feed position cannot be negative.");
        }

        return TypedResults.Ok(await context.ReadRevocationsAsync(after ?? 0, time, cancellationToken));
    }
}
