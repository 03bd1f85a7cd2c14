using Microsoft.IdentityModel.JsonWebTokens;

namespace TalentLink.Tests.Support;

/// <summary>
/// Who is calling a fake service: read from the forwarded bearer token (already validated by the
/// calling service; a fake only needs the subject and role to apply the owning service's rules).
/// </summary>
public sealed record FakeCaller(Guid UserId, string Role)
{
    public bool IsAdmin => Role == Roles.Admin;

    public static FakeCaller? From(HttpRequestMessage request)
    {
        if (request.Headers.Authorization is not { Scheme: "Bearer", Parameter: { Length: > 0 } token })
        {
            return null;
        }

        var jwt = new JsonWebToken(token);
        return new FakeCaller(Guid.Parse(jwt.Subject), jwt.TryGetClaim("role", out var role) ? role.Value : "");
    }
}

/// <summary>Builds fake JSON responses.</summary>
public static class FakeResponses
{
    public static HttpResponseMessage Json<T>(T body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = JsonContent.Create(body) };

    public static HttpResponseMessage Status(HttpStatusCode status) => new(status);
}
