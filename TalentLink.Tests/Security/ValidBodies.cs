using System.Text.Json;
using System.Text.Json.Nodes;
using TalentLink.Tests.Offers;
using TalentLink.Tests.Profiles;

namespace TalentLink.Tests.Security;

/// <summary>
/// A body each write endpoint accepts, so a hostile value put in one field reaches the service's
/// logic and database rather than stopping at "required field missing". Endpoints not listed start
/// from an empty object.
/// </summary>
public static class ValidBodies
{
    private static readonly Dictionary<string, Func<object>> Bodies = new(StringComparer.Ordinal)
    {
        ["auth POST api/auth/register"] = () => new { email = AuthClient.NewEmail("hostile"), password = AuthClient.Password, role = Roles.Candidate },
        ["auth POST api/auth/sign-in"] = () => new { email = AuthClient.NewEmail("hostile"), password = AuthClient.Password },
        ["profiles PUT api/profiles/me"] = () => ProfileRequests.Profile(),
        ["profiles POST api/profiles/companies"] = () => ProfileRequests.Company(),
        ["profiles PUT api/profiles/companies/{id:guid}"] = () => ProfileRequests.Company(),
        ["offers POST api/offers"] = () => OffersTestData.Offer(),
        ["offers PUT api/offers/{id:guid}"] = () => OffersTestData.Offer(),
        ["reports POST api/reports"] = () => new { targetType = "offer", targetId = Guid.NewGuid(), category = "spam", description = "Looks like a scam." },
        ["messaging POST api/messaging/conversations"] = () => new { participantIds = new[] { Guid.NewGuid() }, text = "Hello" },
        ["messaging POST api/messaging/conversations/{id:guid}/messages"] = () => new { text = "Hello", clientMessageId = Guid.NewGuid() },
        ["appointments PUT api/appointments/me/time-zone"] = () => new { timeZone = "Europe/Paris" },
    };

    public static JsonObject For(ApiEndpoint endpoint) =>
        Bodies.TryGetValue(endpoint.ToString(), out var body)
            ? JsonSerializer.SerializeToNode(body(), JsonSerializerOptions.Web)!.AsObject()
            : [];
}
