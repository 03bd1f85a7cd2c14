using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using TalentLink.ServiceDefaults;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Access tokens are self-contained, so without help a suspended or deleted user's token would keep
/// working in every service until it expires. Auth publishes, for the last hours, "tokens of subject
/// (or session) S issued up to time T are revoked" (S as an HMAC under the services' shared
/// <c>Identity:RevocationKey</c>, so the feed names nobody, even to someone who knows user ids); each
/// service, Auth included, polls it every half second and refuses such tokens with a 401. When no poll
/// has succeeded for <c>Identity:RevocationStaleAfter</c>, user tokens are refused (fail closed) and
/// the health check reports Degraded: see docs/security.md.
/// </summary>
public static class TokenRevocationExtensions
{
    public const string HealthCheckName = "token-revocations";

    public static IHostApplicationBuilder AddTokenRevocation(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TokenRevocationList>();
        builder.Services.TryAddSingleton<ITokenRevocationFeed, HttpTokenRevocationFeed>();
        builder.Services.AddHostedService<TokenRevocationPoller>();
        builder.Services.AddHealthChecks().AddCheck<TokenRevocationHealthCheck>(HealthCheckName);
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure(options =>
        {
            var validated = options.Events.OnTokenValidated;
            options.Events.OnTokenValidated = async context =>
            {
                await validated(context);
                var services = context.HttpContext.RequestServices;
                var revocations = services.GetRequiredService<TokenRevocationList>();
                if (revocations.LastGoodPollAt is null)
                {
                    // Just started: wait for the first poll rather than refuse the first requests.
                    var window = services.GetRequiredService<IOptions<IdentitySettings>>().Value.RevocationStaleAfter;
                    await revocations.FirstPoll.WaitAsync(window, context.HttpContext.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                }

                if (revocations.IsStale)
                {
                    context.Fail("Token revocations could not be read from Auth recently, so no user token is accepted until they are.");
                }
                else if (context.SecurityToken is JsonWebToken token
                    && revocations.IsRevoked(token.Subject, token.TryGetClaim(TalentLinkClaims.Session, out var sid) ? sid.Value : null, token.IssuedAt))
                {
                    context.Fail("The token was revoked: the account was suspended or deleted, or the session was signed out.");
                }
            };
        });
        return builder;
    }
}

internal sealed class HttpTokenRevocationFeed(IHttpClientFactory httpClientFactory, IOptions<IdentitySettings> identity) : ITokenRevocationFeed
{
    public async Task<IReadOnlyList<TokenRevocation>> ReadAfterAsync(long afterId, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(AuthenticationExtensions.DiscoveryClientName);
        return await client.GetFromJsonAsync<List<TokenRevocation>>($"{identity.Value.RevocationsAddress}?after={afterId}", cancellationToken) ?? [];
    }
}

internal sealed class TokenRevocationPoller(
    ITokenRevocationFeed feed,
    TokenRevocationList revocations,
    IOptions<IdentitySettings> identity,
    TimeProvider time,
    ILogger<TokenRevocationPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        using var timer = new PeriodicTimer(identity.Value.RevocationPollInterval, time);
        do
        {
            try
            {
                var startedAt = time.GetUtcNow();
                // Re-read a few known entries: identity values can commit out of order on PostgreSQL.
                revocations.Apply(await feed.ReadAfterAsync(Math.Max(0, revocations.LastId - 20), stoppingToken), startedAt);
                if (failing)
                {
                    logger.LogInformation("Token revocations are being read again");
                    failing = false;
                }
            }
            // Whatever failed (Auth down, an open circuit breaker, a timeout, a bad answer), the poller
            // keeps polling: an exception escaping it would stop the whole service.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                if (!failing)
                {
                    logger.LogWarning(ex, "Could not read token revocations from Auth; retrying every {Interval}; user tokens are refused once the last good read is older than {Window}",
                        identity.Value.RevocationPollInterval, identity.Value.RevocationStaleAfter);
                    failing = true;
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Degraded while the revocation list is stale: the service is up but refuses every user token.</summary>
internal sealed class TokenRevocationHealthCheck(TokenRevocationList revocations) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(revocations.IsStale
            ? HealthCheckResult.Degraded(revocations.LastGoodPollAt is { } last
                ? $"Token revocations last read at {last:u}; user tokens are refused until Auth answers again."
                : "Token revocations not read yet; user tokens are refused until Auth answers.")
            : HealthCheckResult.Healthy());
}
