using System.Text.Json;

namespace TalentLink.Tests.Profiles;

[Collection(SqliteProfilesCollection.Name)]
[Trait("Category", "integration")]
public sealed class ProfilesOpenApiTests(SqliteProfilesFixture fixture)
{
    [Fact]
    public async Task The_openapi_document_describes_every_profiles_endpoint()
    {
        var document = JsonDocument.Parse(await fixture.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();

        string[] expected =
        [
            "/api/profiles/me",
            "/api/profiles/candidates",
            "/api/profiles/candidates/{userId}",
            "/api/profiles/companies",
            "/api/profiles/companies/{id}",
            "/api/profiles/recruiters/{userId}/company",
            "/api/profiles/{userId}/hide",
            "/api/profiles/{userId}/unhide",
        ];
        Assert.All(expected, path => Assert.Contains(path, paths));
    }
}
