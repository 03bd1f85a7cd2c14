using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using TalentLink.Gateway.Extensions;

namespace TalentLink.Tests.Gateway;

/// <summary>The edge policies, in process: they act before anything is proxied.</summary>
[Trait("Category", "integration")]
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
    public async Task Past_its_concurrency_and_queue_the_gateway_answers_503_with_retry_after_at_once() =>
        await WithTheOneTurnHeldAsync(async client =>
        {
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            var shed = await client.GetAsync("/api/auth/me");
            var problem = await shed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("The service is busy.", problem.GetProperty("title").GetString());
            Assert.NotNull(shed.Headers.RetryAfter?.Delta);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), "refused at once, not after a wait");

            // Health probes are never shed.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive")).StatusCode);
        }, ("Gateway:RequestQueueLimit", "0"));

    [Fact]
    public async Task A_one_second_stall_in_a_service_delays_the_requests_behind_it_instead_of_shedding_them()
    {
        // Every request the service receives in its first second waits until the second is over (a
        // commit waiting on the disk); the gateway's four turns are taken by the first four, and twelve
        // more wait in line with the default waits.
        await using var service = await StallingServiceAsync(TimeSpan.FromSeconds(1));
        await using var gateway = CreateGateway(("Gateway:MaxConcurrentRequests", "4"), ("services:auth:http:0", service.Address));
        var client = gateway.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive")).StatusCode); // started before the stall

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.GetAsync("/api/auth/me")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Fact]
    public async Task A_sustained_overload_is_shed_with_503_and_retry_after_within_a_short_wait() =>
        await WithTheOneTurnHeldAsync(async client =>
        {
            // A hiccup first: the line has just formed, so a waiter may wait out its burst (here 1.5 s;
            // far apart from the overload's 50 ms, so a busy machine's delays cannot blur the two).
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            var first = await client.GetAsync("/api/auth/me");
            await first.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(1400), TimeSpan.FromSeconds(10));

            // The line has now stood past Gateway:OverloadAfter: a request is shed within Gateway:MaxQueueWait.
            stopwatch.Restart();
            var shed = await client.GetAsync("/api/auth/me");
            await shed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(shed.Headers.RetryAfter?.Delta);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromMilliseconds(1000), $"shed after {stopwatch.ElapsedMilliseconds} ms, not within the overload's wait");
        }, ("Gateway:BurstQueueWait", "00:00:01.500"), ("Gateway:OverloadAfter", "00:00:00.200"), ("Gateway:MaxQueueWait", "00:00:00.050"));

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

    /// <summary>
    /// A gateway allowed one proxied request at once, whose turn is held by a request to a backend that
    /// accepts the connection and never answers; <paramref name="whileHeld"/> runs meanwhile.
    /// </summary>
    private static async Task WithTheOneTurnHeldAsync(Func<HttpClient, Task> whileHeld, params (string Key, string Value)[] settings)
    {
        using var stalled = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        stalled.Start();
        var port = ((System.Net.IPEndPoint)stalled.LocalEndpoint).Port;
        await using var gateway = CreateGateway(
            [("Gateway:MaxConcurrentRequests", "1"), .. settings, ("services:auth:http:0", $"http://127.0.0.1:{port}")]);
        var client = gateway.CreateClient();

        using var holding = new CancellationTokenSource();
        var first = client.GetAsync("/api/auth/me", holding.Token);
        using (var backend = await stalled.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(10)))
        {
            await whileHeld(client);
            await holding.CancelAsync();
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
    }

    /// <summary>A service answering 200 to anything, but not before <paramref name="stall"/> has passed since its first request.</summary>
    private static async Task<StallingService> StallingServiceAsync(TimeSpan stall)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var stallEnds = new Lazy<DateTimeOffset>(() => DateTimeOffset.UtcNow + stall);
        app.Run(async context =>
        {
            var left = stallEnds.Value - DateTimeOffset.UtcNow;
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left, context.RequestAborted);
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await app.StartAsync();
        return new StallingService(app);
    }

    private sealed class StallingService(WebApplication app) : IAsyncDisposable
    {
        public string Address { get; } = app.Urls.Single();

        public ValueTask DisposeAsync() => app.DisposeAsync();
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
