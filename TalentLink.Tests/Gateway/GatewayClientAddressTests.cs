using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using TalentLink.Gateway.Extensions;

namespace TalentLink.Tests.Gateway;

/// <summary>
/// Whose address the gateway rate-limits and forwards: the peer's, unless the peer is a configured
/// trusted proxy; a client cannot pick an address of its own by sending X-Forwarded-For. Requests
/// come from chosen peer addresses through the test server.
/// </summary>
[Trait("Category", "integration")]
public sealed class GatewayClientAddressTests
{
    private static readonly IPAddress Ingress = IPAddress.Parse("10.20.0.4");
    private static readonly IPAddress Stranger = IPAddress.Parse("198.51.100.7");

    [Fact]
    public async Task A_forged_forwarded_address_from_an_untrusted_peer_does_not_get_a_rate_limit_of_its_own()
    {
        await using var gateway = CreateGateway(("Gateway:RateLimitPermits", "1"), ("Gateway:TrustedProxies", "10.20.0.0/16"));

        Assert.Equal(StatusCodes.Status200OK, (await SendAsync(gateway, Stranger, "/alive", "203.0.113.1")).Response.StatusCode);
        var limited = await SendAsync(gateway, Stranger, "/alive", "203.0.113.2");
        Assert.Equal(StatusCodes.Status429TooManyRequests, limited.Response.StatusCode);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_rate_limit()
    {
        await using var gateway = CreateGateway(("Gateway:RateLimitPermits", "1"), ("Gateway:TrustedProxies", "10.20.0.0/16, 192.0.2.10"));

        Assert.Equal(StatusCodes.Status200OK, (await SendAsync(gateway, Ingress, "/alive", "203.0.113.1")).Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, (await SendAsync(gateway, Ingress, "/alive", "203.0.113.2")).Response.StatusCode);

        // The same client again is limited, whatever it prepends to the header itself.
        var again = await SendAsync(gateway, Ingress, "/alive", "198.18.0.1, 203.0.113.1");
        Assert.Equal(StatusCodes.Status429TooManyRequests, again.Response.StatusCode);
    }

    [Fact]
    public async Task The_services_are_told_the_client_address_and_the_gateways_key_and_never_a_clients_own_key()
    {
        await using var backend = await EchoBackend.StartAsync();
        await using var gateway = CreateGateway(
            ("Gateway:TrustedProxies", "10.20.0.0/16"), ("Gateway:ForwardingKey", "the-gateway-key"),
            ("services:auth:http:0", backend.Address));

        var forged = new Dictionary<string, string> { [PlatformHeaders.GatewayKey] = "a-guess" };
        await SendAsync(gateway, Stranger, "/api/auth/me", "203.0.113.1", forged);
        var direct = await backend.Received.Reader.ReadAsync();
        Assert.Equal(Stranger.ToString(), direct.ForwardedFor);
        Assert.Equal("the-gateway-key", direct.Key);

        await SendAsync(gateway, Ingress, "/api/auth/me", "203.0.113.9");
        var proxied = await backend.Received.Reader.ReadAsync();
        Assert.Equal("203.0.113.9", proxied.ForwardedFor);
        Assert.Equal("the-gateway-key", proxied.Key);
    }

    [Fact]
    public async Task A_trusted_proxy_list_that_is_not_addresses_stops_the_gateway_at_start()
    {
        await using var gateway = CreateGateway(("Gateway:TrustedProxies", "10.20.0.0/16, the-ingress"));
        var failure = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());
        Assert.Contains("Gateway:TrustedProxies", failure.ToString());
    }

    private static Task<HttpContext> SendAsync(
        WebApplicationFactory<GatewayOptions> gateway, IPAddress peer, string path, string forwardedFor, IReadOnlyDictionary<string, string>? headers = null) =>
        gateway.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = peer;
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = path;
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                context.Request.Headers[name] = value;
            }
        });

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

    /// <summary>A service behind the gateway that reports the X-Forwarded-For and gateway key each request arrived with.</summary>
    private sealed class EchoBackend(WebApplication app, string address) : IAsyncDisposable
    {
        public System.Threading.Channels.Channel<(string? ForwardedFor, string? Key)> Received { get; } =
            System.Threading.Channels.Channel.CreateUnbounded<(string?, string?)>();

        public string Address => address;

        public static async Task<EchoBackend> StartAsync()
        {
            var address = $"http://127.0.0.1:{TestMachine.FreePort()}";
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(address);
            var app = builder.Build();
            var backend = new EchoBackend(app, address);
            app.Run(async context =>
            {
                await backend.Received.Writer.WriteAsync((
                    context.Request.Headers["X-Forwarded-For"].ToString(),
                    context.Request.Headers[PlatformHeaders.GatewayKey].ToString()));
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            });
            await app.StartAsync();
            return backend;
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
