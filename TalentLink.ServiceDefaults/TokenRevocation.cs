using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
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

/// <summary>One published revocation: tokens of the subject (its SHA-256, hex) issued at or before <c>RevokedAt</c> are refused.</summary>
public sealed record TokenRevocation(long Id, string SubjectHash, DateTimeOffset RevokedAt)
{
    /// <summary>How long a revocation is published: longer than any access token lives.</summary>
    public static readonly TimeSpan PublishedFor = TimeSpan.FromHours(2);

    public static string HashSubject(string subject) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)));
}

/// <summary>Where revocations come from: Auth's <c>/api/auth/revocations</c>, or Auth's own database inside Auth.</summary>
public interface ITokenRevocationFeed
{
    /// <summary>Revocations with an id greater than <paramref name="afterId"/>, oldest first.</summary>
    Task<IReadOnlyList<TokenRevocation>> ReadAfterAsync(long afterId, CancellationToken cancellationToken);
}

/// <summary>The revocations this service knows of, by subject hash.</summary>
public sealed class TokenRevocationList(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revokedUpTo = new();

    public long LastId { get; private set; }

    public void Apply(IReadOnlyList<TokenRevocation> revocations)
    {
        foreach (var revocation in revocations)
        {
            _revokedUpTo.AddOrUpdate(revocation.SubjectHash, revocation.RevokedAt,
                (_, known) => known > revocation.RevokedAt ? known : revocation.RevokedAt);
            LastId = Math.Max(LastId, revocation.Id);
        }

        var horizon = time.GetUtcNow() - TokenRevocation.PublishedFor;
        foreach (var (subject, revokedAt) in _revokedUpTo)
        {
            if (revokedAt < horizon)
            {
                _revokedUpTo.TryRemove(subject, out _);
            }
        }
    }

    /// <summary>
    /// True when the subject's tokens issued at <paramref name="issuedAtUtc"/> are revoked. <c>iat</c>
    /// has whole seconds, so a token issued in the same second as the revocation counts as revoked.
    /// </summary>
    public bool IsRevoked(string? subject, DateTime issuedAtUtc) =>
        subject is not null
        && _revokedUpTo.TryGetValue(TokenRevocation.HashSubject(subject), out var revokedAt)
        && new DateTimeOffset(issuedAtUtc, TimeSpan.Zero).ToUnixTimeSeconds() <= revokedAt.ToUnixTimeSeconds();
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
                revocations.Apply(await feed.ReadAfterAsync(revocations.LastId, stoppingToken));
                if (failing)
                {
                    logger.LogInformation("Token revocations are being read again");
                    failing = false;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException
                                       && !stoppingToken.IsCancellationRequested)
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
