namespace TalentLink.AppHost;

public static class GatewayExtensions
{
    /// <summary>
    /// Puts services behind the gateway: each is referenced (service discovery) and listed in
    /// <c>Gateway:Services</c>, from which the gateway builds its routes and its API reference.
    /// The gateway and each service share a generated forwarding key: only requests carrying it
    /// have their <c>X-Forwarded-For</c> believed by the service.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithRoutesTo(
        this IResourceBuilder<ProjectResource> gateway, params IResourceBuilder<ProjectResource>[] services)
    {
        var key = ForwardingKey(gateway);
        var existing = gateway.Resource.Annotations.OfType<GatewayRouteAnnotation>().Count();
        foreach (var (service, index) in services.Select((s, i) => (s, i + existing)))
        {
            gateway.WithReference(service)
                .WithEnvironment($"Gateway__Services__{index}", service.Resource.Name)
                .WithAnnotation(new GatewayRouteAnnotation(service.Resource.Name));
            service.WithEnvironment("ForwardedHeaders__GatewayKey", key);
        }

        return gateway;
    }

    /// <summary>
    /// The proxies in front of the gateway whose <c>X-Forwarded-For</c> it believes (addresses or CIDR
    /// networks, comma-separated): empty by default; at deployment, the ingress's ranges.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithTrustedProxies(this IResourceBuilder<ProjectResource> gateway)
    {
        var proxies = gateway.ApplicationBuilder.AddParameter(ResourceNames.TrustedProxies, "", publishValueAsDefault: true);
        return gateway.WithEnvironment("Gateway__TrustedProxies", proxies);
    }

    private static IResourceBuilder<ParameterResource> ForwardingKey(IResourceBuilder<ProjectResource> gateway)
    {
        var builder = gateway.ApplicationBuilder;
        if (builder.Resources.OfType<ParameterResource>().SingleOrDefault(p => p.Name == ResourceNames.GatewayForwardingKey) is { } existing)
        {
            return builder.CreateResourceBuilder(existing);
        }

        var key = builder.AddParameter(ResourceNames.GatewayForwardingKey,
            new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
        gateway.WithEnvironment("Gateway__ForwardingKey", key);
        return key;
    }

    /// <summary>Starts a resource only once every listed resource is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WaitForAll(
        this IResourceBuilder<ProjectResource> resource, params IResourceBuilder<ProjectResource>[] dependencies)
    {
        foreach (var dependency in dependencies)
        {
            resource.WaitFor(dependency);
        }

        return resource;
    }

    private sealed record GatewayRouteAnnotation(string Service) : IResourceAnnotation;
}
