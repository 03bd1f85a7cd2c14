namespace TalentLink.AppHost;

public static class GatewayExtensions
{
    /// <summary>
    /// Puts services behind the gateway: each is referenced (service discovery) and listed in
    /// <c>Gateway:Services</c>, from which the gateway builds its routes and its API reference.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithRoutesTo(
        this IResourceBuilder<ProjectResource> gateway, params IResourceBuilder<ProjectResource>[] services)
    {
        var existing = gateway.Resource.Annotations.OfType<GatewayRouteAnnotation>().Count();
        foreach (var (service, index) in services.Select((s, i) => (s, i + existing)))
        {
            gateway.WithReference(service)
                .WithEnvironment($"Gateway__Services__{index}", service.Resource.Name)
                .WithAnnotation(new GatewayRouteAnnotation(service.Resource.Name));
        }

        return gateway;
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
