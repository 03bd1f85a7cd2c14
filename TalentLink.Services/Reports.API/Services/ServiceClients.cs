namespace TalentLink.Reports.Services;

/// <summary>The named HTTP clients Reports uses to reach the services that own reported things.</summary>
public static class ServiceClients
{
    public const string Auth = ResourceNames.Auth;
    public const string Offers = ResourceNames.Offers;
    public const string Profiles = ResourceNames.Profiles;

    /// <summary>Each client finds its service by name (service discovery) and forwards the admin's token.</summary>
    public static void AddServiceClients(this IServiceCollection services)
    {
        foreach (var name in new[] { Auth, Offers, Profiles })
        {
            services.AddHttpClient(name, client => client.BaseAddress = new Uri(ServiceAddresses.Of(name))).AddAuthToken();
        }

        services.AddScoped<IModerationTargets, HttpModerationTargets>();
        services.AddScoped<IPlatformStatistics, HttpPlatformStatistics>();
    }
}
