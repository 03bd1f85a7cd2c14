using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using TalentLink.Data;

namespace TalentLink.Offers.Services;

/// <summary>
/// Public offer reads served from memory: the search, and an offer anyone may see. They are most of
/// the traffic (a candidate browses far more than they apply) and identical for every caller, so one
/// response, keyed by path and query, serves every user, signed in or not, without a database read.
/// <para>
/// An endpoint opts in with <c>.CacheOutput(PublicOfferCache.PolicyName)</c> and, per response,
/// <see cref="MarkShared"/> once it knows the body holds nothing caller-specific (a draft shown to its
/// owner, a hidden offer shown to an admin are never stored). Every committed write of an offer or its
/// skills evicts the whole cache (<see cref="CommittedChanges"/>), so a change shows on the next read.
/// </para>
/// </summary>
public static class PublicOfferCache
{
    public const string PolicyName = "public-offers";
    public const string Tag = "offers";

    private static readonly object SharedKey = new();

    public static void AddPublicOfferCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PublicCacheOptions>()
            .BindConfiguration(PublicCacheOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOutputCache();
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IOptions<PublicCacheOptions>>((output, cache) =>
        {
            output.SizeLimit = cache.Value.SizeLimitBytes;
            output.AddPolicy(PolicyName, new SharedReadPolicy(cache.Value.Duration));
        });
        builder.Services.AddHostedService<EvictOnOfferChanges>();
    }

    /// <summary>Says this response is the same for every caller, so it may be stored and served to anyone.</summary>
    public static void MarkShared(HttpContext http) => http.Items[SharedKey] = true;

    private static bool IsShared(HttpContext http) => http.Items.ContainsKey(SharedKey);

    /// <summary>
    /// Unlike the default policy, stores responses to requests that carry a token (signed-in users browse
    /// too): only what the endpoint marked shared, only a 200, and never one setting a cookie.
    /// </summary>
    private sealed class SharedReadPolicy(TimeSpan duration) : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var method = context.HttpContext.Request.Method;
            var cacheable = duration > TimeSpan.Zero && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method));
            context.EnableOutputCaching = cacheable;
            context.AllowCacheLookup = cacheable;
            context.AllowCacheStorage = cacheable;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = duration;
            context.CacheVaryByRules.QueryKeys = "*";
            context.Tags.Add(Tag);
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            if (http.Response.StatusCode != StatusCodes.Status200OK || !IsShared(http) || http.Response.Headers.SetCookie.Count > 0)
            {
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Evicts the cache after every committed write of an offer or its skills.</summary>
    private sealed class EvictOnOfferChanges(CommittedChanges changes, IOutputCacheStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            changes.Subscribe(cancellation => store.EvictByTagAsync(Tag, cancellation), typeof(Offer), typeof(OfferSkill));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
