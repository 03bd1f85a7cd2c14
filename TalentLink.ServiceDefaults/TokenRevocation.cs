using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using TalentLink.ServiceDefaults;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Access tokens are self-contained, so without help a suspended or deleted user's token would keep
/// working in every service until it expires. Auth publishes, for the last hours, "tokens of subject
/// S issued up to time T are revoked" (the subject as its SHA-256, so the feed names nobody); each
/// service polls it every second or so and refuses such tokens with a 401.
/// </summary>
public static class TokenRevocationExtensions
{
    public static IHostApplicationBuilder AddTokenRevocation(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TokenRevocationList>();
        builder.Services.TryAddSingleton<ITokenRevocationFeed, HttpTokenRevocationFeed>();
        builder.Services.AddHostedService<TokenRevocationPoller>();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure(options =>
        {
            var validated = options.Events.OnTokenValidated;
            options.Events.OnTokenValidated = async context =>
            {
                await validated(context);
                var revocations = context.HttpContext.RequestServices.GetRequiredService<TokenRevocationList>();
                if (context.SecurityToken is JsonWebToken token && revocations.IsRevoked(token.Subject, token.IssuedAt))
                {
                    context.Fail("The token was revoked: the account was suspended or deleted.");
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
                // Re-read a few known entries: identity values can commit out of order on PostgreSQL.
                revocations.Apply(await feed.ReadAfterAsync(Math.Max(0, revocations.LastId - 20), stoppingToken));
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
                    logger.LogWarning(ex, "Could not read token revocations from Auth; retrying every {Interval}", identity.Value.RevocationPollInterval);
                    failing = true;
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
