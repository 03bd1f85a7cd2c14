using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace TalentLink.Auth.Apis;

/// <summary>
/// The OpenID discovery document and the JWKS: how every other service learns Auth's public keys.
/// </summary>
public static class DiscoveryApi
{
    public const string JwksPath = "/.well-known/jwks.json";

    public static RouteGroupBuilder MapDiscoveryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/.well-known").WithTags("Discovery").AllowAnonymous();
        api.MapGet("/openid-configuration", GetConfiguration).WithName("GetOpenIdConfiguration");
        api.MapGet("/jwks.json", GetKeys).WithName("GetJsonWebKeys");
        return api;
    }

    public static Ok<DiscoveryDocument> GetConfiguration(HttpRequest request, IOptions<IdentitySettings> identity) =>
        TypedResults.Ok(new DiscoveryDocument(
            identity.Value.Issuer,
            $"{request.Scheme}://{request.Host}{request.PathBase}{JwksPath}",
            [SecurityAlgorithms.RsaSha256]));

    public static Ok<JsonWebKeySetDocument> GetKeys(SigningKeyStore keys) =>
        TypedResults.Ok(new JsonWebKeySetDocument(keys.PublicJsonWebKeys()
            .Select(k => new PublicJsonWebKey(k.Kty, k.Use, k.Alg, k.Kid, k.N, k.E)).ToList()));
}

public sealed record DiscoveryDocument(
    [property: System.Text.Json.Serialization.JsonPropertyName("issuer")] string Issuer,
    [property: System.Text.Json.Serialization.JsonPropertyName("jwks_uri")] string JwksUri,
    [property: System.Text.Json.Serialization.JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> SigningAlgorithms);

public sealed record JsonWebKeySetDocument(
    [property: System.Text.Json.Serialization.JsonPropertyName("keys")] IReadOnlyList<PublicJsonWebKey> Keys);

public sealed record PublicJsonWebKey(
    [property: System.Text.Json.Serialization.JsonPropertyName("kty")] string Kty,
    [property: System.Text.Json.Serialization.JsonPropertyName("use")] string Use,
    [property: System.Text.Json.Serialization.JsonPropertyName("alg")] string Alg,
    [property: System.Text.Json.Serialization.JsonPropertyName("kid")] string Kid,
    [property: System.Text.Json.Serialization.JsonPropertyName("n")] string N,
    [property: System.Text.Json.Serialization.JsonPropertyName("e")] string E);
