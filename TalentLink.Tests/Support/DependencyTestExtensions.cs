using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace TalentLink.Tests.Support;

public static class DependencyTestExtensions
{
    /// <summary>
    /// Keeps the standard resilience pipeline (so "the other service is down" runs through the real
    /// retries) but without waiting seconds between attempts.
    /// </summary>
    public static IServiceCollection UseFastRetries(this IServiceCollection services) =>
        services.ConfigureAll<HttpStandardResilienceOptions>(options =>
        {
            options.Retry.Delay = TimeSpan.FromMilliseconds(1);
            options.Retry.BackoffType = DelayBackoffType.Constant;
            options.Retry.UseJitter = false;
        });

    /// <summary>Replaces the network under a typed or named client with an in-process handler.</summary>
    public static IServiceCollection RouteClientTo(this IServiceCollection services, string clientName, Func<HttpMessageHandler> handler)
    {
        services.AddHttpClient(clientName).ConfigurePrimaryHttpMessageHandler(handler);
        return services;
    }
}
