namespace TalentLink;

/// <summary>
/// How one TalentLink service reaches another: by its resource name, which service discovery turns
/// into the endpoint the AppHost (or a deployment's configuration) gives it. Written here once.
/// </summary>
public static class ServiceAddresses
{
    /// <summary>The service-discovery address of <paramref name="resource"/> (one of <see cref="ResourceNames"/>), e.g. <c>http://offers</c>.</summary>
    public static string Of(string resource) => $"http://{resource}";
}
