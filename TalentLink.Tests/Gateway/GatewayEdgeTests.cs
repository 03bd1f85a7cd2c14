using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TalentLink.Gateway.Extensions;

namespace TalentLink.Tests.Gateway;

/// <summary>The edge policies, in process: they act before anything is proxied.</summary>
public sealed class GatewayEdgeTests
{
    [Fact]
    public async Task Each_client_is_rate_limited_at_the_edge()
    {
        await using var gateway = CreateGateway(("Gateway:RateLimitPermits", "3"));
        var client = gateway.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive")).StatusCode);
        }

        var limited = await client.GetAsync("/alive");
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused_before_it_is_proxied()
    {
        await using var gateway = CreateGateway(("Gateway:MaxRequestBodySize", "2048"));
        var response = await gateway.CreateClient().PostAsync("/api/auth/register", new ByteArrayContent(new byte[4096]));
        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("2048", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Configured_origins_get_cors_headers_and_others_do_not()
    {
        await using var gateway = CreateGateway(("Gateway:AllowedOrigins:0", "https://app.talentlink.example"));
        var client = gateway.CreateClient();

        var allowed = new HttpRequestMessage(HttpMethod.Options, "/api/auth/sign-in");
        allowed.Headers.Add("Origin", "https://app.talentlink.example");
        allowed.Headers.Add("Access-Control-Request-Method", "POST");
        var allowedResponse = await client.SendAsync(allowed);
        Assert.Equal("https://app.talentlink.example", allowedResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var other = new HttpRequestMessage(HttpMethod.Options, "/api/auth/sign-in");
        other.Headers.Add("Origin", "https://evil.example");
        other.Headers.Add("Access-Control-Request-Method", "POST");
        Assert.False((await client.SendAsync(other)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static WebApplicationFactory<GatewayOptions> CreateGateway(params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<GatewayOptions>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Gateway:Services:0", "auth");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
}
