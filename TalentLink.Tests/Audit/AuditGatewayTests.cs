using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TalentLink.Gateway.Extensions;

namespace TalentLink.Tests.Audit;

/// <summary>From outside, the trail can be read (by those allowed) but never written.</summary>
[Trait("Category", "integration")]
public sealed class AuditGatewayTests
{
    [Fact]
    public async Task The_gateway_forwards_audit_queries_but_has_no_route_to_the_recording_endpoint()
    {
        // Audit itself is not running: a forwarded request fails at the proxy, an unrouted one is the gateway's own 404.
        await using var gateway = new WebApplicationFactory<GatewayOptions>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Gateway:Services:0", "audit");
            builder.UseSetting("services:audit:http:0", "http://127.0.0.1:9");
        });
        var client = gateway.CreateClient();

        var query = await client.GetAsync("/api/audit/entries");
        var record = await client.PostAsJsonAsync("/internal/audit/entries", new { action = "user.suspended", targetType = "user", targetId = "x" });

        Assert.Equal(HttpStatusCode.BadGateway, query.StatusCode);
        await record.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
