namespace TalentLink.AppHost;

public static class PersonalDataExtensions
{
    /// <summary>
    /// Lists the services that hold personal data in Auth's <c>PersonalData:Services</c>: Auth has
    /// each of them export or erase a user's data through <c>/api/{name}/personal-data/{userId}</c>.
    /// Referenced without WaitFor (they wait for Auth); Auth retries a step until the service answers.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPersonalDataIn(
        this IResourceBuilder<ProjectResource> auth, params IResourceBuilder<ProjectResource>[] services)
    {
        foreach (var (service, index) in services.Select((s, i) => (s, i)))
        {
            auth.WithReference(service).WithEnvironment($"PersonalData__Services__{index}", service.Resource.Name);
        }

        return auth;
    }
}
