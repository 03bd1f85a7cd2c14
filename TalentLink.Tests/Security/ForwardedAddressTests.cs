using TalentLink.Auth.Model;
using TalentLink.Data;
using TalentLink.Tests.Audit;

namespace TalentLink.Tests.Security;

/// <summary>
/// A service believes X-Forwarded-For only from the gateway (a request carrying the gateway's
/// key): a caller that reaches it directly neither dodges the sign-in limit nor writes an address of
/// its choice into the audit trail. Auth in process, sign-ins limited to 2 per address.
/// </summary>
[Trait("Category", "integration")]
public sealed class ForwardedAddressTests : IAsyncLifetime
{
    public const string GatewayKey = "test-gateway-forwarding-key";

    private readonly AuthFactory _auth = new(DatabaseProvider.Sqlite, new Dictionary<string, string?>
    {
        ["Auth:SignInRateLimit:PermitLimit"] = "2",
        ["ForwardedHeaders:GatewayKey"] = GatewayKey,
    });

    [Fact]
    public async Task A_direct_caller_forging_forwarded_addresses_still_shares_one_sign_in_limit()
    {
        var client = _auth.CreateClient();
        var statuses = new List<HttpStatusCode>();
        foreach (var forged in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" })
        {
            statuses.Add((await SignInAsync(client, forged, key: null)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Through_the_gateway_each_forwarded_client_has_its_own_sign_in_limit()
    {
        var client = _auth.CreateClient();
        foreach (var address in new[] { "203.0.113.11", "203.0.113.12", "203.0.113.13" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(client, address, GatewayKey)).StatusCode);
        }

        // A wrong key is a direct caller: its forged addresses share the one bucket already used twice below.
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(client, "203.0.113.21", "not-the-key")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(client, "203.0.113.22", "not-the-key")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(client, "203.0.113.23", "not-the-key")).StatusCode);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string forwardedFor, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in")
        {
            Content = JsonContent.Create(new { email = AuthClient.NewEmail(), password = "Wrong-Password-1" }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (key is not null)
        {
            request.Headers.Add(PlatformHeaders.GatewayKey, key);
        }

        return client.SendAsync(request);
    }

    public Task InitializeAsync() => _auth.InitializeAsync();

    public async Task DisposeAsync() => await _auth.DisposeAsync();
}

/// <summary>The address on the audit trail: the forwarded one only from the gateway (Auth in process, its usual limits).</summary>
[Trait("Category", "integration")]
public sealed class ForwardedAuditAddressTests : IAsyncLifetime
{
    private const string GatewayKey = ForwardedAddressTests.GatewayKey;

    private readonly AuthFactory _auth = new(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["ForwardedHeaders:GatewayKey"] = GatewayKey });

    public Task InitializeAsync() => _auth.InitializeAsync();

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    [Fact]
    public async Task The_audit_trail_records_the_forwarded_address_only_from_the_gateway()
    {
        var admin = _auth.CreateClient().WithToken((await _auth.CreateClient().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword)).AccessToken);
        var forgedTarget = await _auth.CreateClient().NewUserAsync(Roles.Candidate);
        var gatewayTarget = await _auth.CreateClient().NewUserAsync(Roles.Candidate);

        await admin.SendAsync(Suspend(forgedTarget.User.Id, "203.0.113.66", key: null));
        await admin.SendAsync(Suspend(gatewayTarget.User.Id, "203.0.113.77", GatewayKey));

        var forged = (await _auth.AuditEntriesAsync($"subject={forgedTarget.User.Id}")).Items.Single();
        var forwarded = (await _auth.AuditEntriesAsync($"subject={gatewayTarget.User.Id}")).Items.Single();
        Assert.NotEqual("203.0.113.66", forged.ClientAddress);
        Assert.Equal("203.0.113.77", forwarded.ClientAddress);
    }

    private static HttpRequestMessage Suspend(Guid userId, string forwardedFor, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/auth/users/{userId}/suspend");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (key is not null)
        {
            request.Headers.Add(PlatformHeaders.GatewayKey, key);
        }

        return request;
    }

}
