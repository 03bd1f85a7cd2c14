using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TalentLink.Platform.Clients;

public static class ServiceClientExtensions
{
    /// <summary>
    /// Registers <see cref="OffersClient"/>: the <c>Offers</c> section validated on start, the address
    /// from service discovery, the caller's bearer token forwarded, the standard resilience handler.
    /// </summary>
    public static IHttpClientBuilder AddOffersClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OffersClientOptions>()
            .BindConfiguration(OffersClientOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        return builder.Services.AddHttpClient<OffersClient>((services, http) =>
                http.BaseAddress = services.GetRequiredService<IOptions<OffersClientOptions>>().Value.Url)
            .AddAuthToken();
    }
}
