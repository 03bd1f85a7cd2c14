using TalentLink.AppHost;
using TalentLink.Auth.Model;

namespace TalentLink.Tests.AppHost;

[Collection(SqliteAppHostCollection.Name)]
[Trait("Category", "apphost")]
public sealed class GatewayEndToEndTests(SqliteAppHostFixture fixture)
{
    [Fact]
    public async Task Users_register_and_sign_in_through_the_gateway()
    {
        var gateway = fixture.CreateClient(ResourceNames.Gateway);
        var email = AuthClient.NewEmail("gateway");
        var user = await gateway.RegisterAsync(email, "recruiter");
        var tokens = await gateway.SignInAsync(email);
        var me = await gateway.WithToken(tokens.AccessToken).GetFromJsonAsync<UserResponse>("/api/auth/me");
        Assert.Equal(user.Id, me!.Id);
    }

    [Fact]
    public async Task The_gateway_serves_every_service_openapi_document_and_one_reference_page()
    {
        var gateway = fixture.CreateClient(ResourceNames.Gateway);
        var document = System.Text.Json.JsonDocument.Parse(await gateway.GetStringAsync("/openapi/auth.json")).RootElement;
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/auth/sign-in", out _));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _));

        // Scalar resolves each source against the site root: "openapi/auth.json" is /openapi/auth.json.
        var page = await gateway.GetAsync("/api-reference/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("\"url\":\"openapi/auth.json\"", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_route_at_the_gateway_is_a_problem_not_a_blank_page()
    {
        var gateway = fixture.CreateClient(ResourceNames.Gateway);
        await (await gateway.GetAsync("/api/nothing-here")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
