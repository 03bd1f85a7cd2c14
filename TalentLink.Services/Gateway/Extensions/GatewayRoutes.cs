using Yarp.ReverseProxy.Configuration;

namespace TalentLink.Gateway.Extensions;

/// <summary>
/// The routing table, derived from the service names: <c>/api/{service}/…</c> goes to the service
/// found by service discovery under that name, and <c>/openapi/{service}.json</c> to its OpenAPI
/// document. Auth also serves the key set; Messaging also serves its SignalR hub.
/// </summary>
public static class GatewayRoutes
{
    private static readonly Dictionary<string, string[]> ExtraPaths = new()
    {
        [ResourceNames.Auth] = ["/.well-known/{**rest}"],
        [ResourceNames.Messaging] = ["/hubs/{**rest}"],
    };

    public static string OpenApiPath(string service) => $"/openapi/{service}.json";

    public static IReadOnlyList<RouteConfig> Routes(IEnumerable<string> services) => services.SelectMany(service =>
    {
        IEnumerable<RouteConfig> routes =
        [
            new RouteConfig
            {
                RouteId = $"{service}-api",
                ClusterId = service,
                Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
            },
            new RouteConfig
            {
                RouteId = $"{service}-openapi",
                ClusterId = service,
                Match = new RouteMatch { Path = OpenApiPath(service) },
                Transforms = [new Dictionary<string, string> { ["PathSet"] = "/openapi/v1.json" }],
            },
        ];
        var extra = ExtraPaths.GetValueOrDefault(service, []).Select((path, i) => new RouteConfig
        {
            RouteId = $"{service}-extra-{i}",
            ClusterId = service,
            Match = new RouteMatch { Path = path },
        });
        return routes.Concat(extra);
    }).ToList();

    public static IReadOnlyList<ClusterConfig> Clusters(IEnumerable<string> services) => services.Select(service => new ClusterConfig
    {
        ClusterId = service,
        Destinations = new Dictionary<string, DestinationConfig>
        {
            [service] = new() { Address = ServiceAddresses.Of(service) },
        },
    }).ToList();
}
