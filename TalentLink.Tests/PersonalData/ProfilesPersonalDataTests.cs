using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.Auth.Services;
using TalentLink.Tests.Profiles;

namespace TalentLink.Tests.PersonalData;

/// <summary>
/// The personal-data endpoints every service exposes, on Profiles with a real in-process Auth:
/// who may export, who may erase, what erasing leaves, and that a revoked token stops working.
/// </summary>
public abstract class ProfilesPersonalDataTests(ProfilesFixture fixture)
{
    [Fact]
    public async Task A_user_exports_their_own_profile_but_not_someone_elses()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var other = await fixture.NewUserAsync(Roles.Candidate);
        (await candidate.Client.PutAsJsonAsync("/api/profiles/me", ProfileRequests.Profile(headline: "Data engineer"))).EnsureSuccessStatusCode();

        var export = await candidate.Client.GetFromJsonAsync<JsonElement>($"/api/profiles/personal-data/{candidate.Id}");
        Assert.Equal("Data engineer", export.GetProperty("profile").GetProperty("headline").GetString());

        await (await other.Client.GetAsync($"/api/profiles/personal-data/{candidate.Id}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await fixture.Anonymous().GetAsync($"/api/profiles/personal-data/{candidate.Id}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Only_auths_service_token_erases_and_a_user_token_never_does()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var admin = await fixture.AdminAsync();
        (await candidate.Client.PutAsJsonAsync("/api/profiles/me", ProfileRequests.Profile())).EnsureSuccessStatusCode();

        await (await candidate.Client.DeleteAsync($"/api/profiles/personal-data/{candidate.Id}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await admin.Client.DeleteAsync($"/api/profiles/personal-data/{candidate.Id}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await candidate.Client.GetAsync("/api/profiles/me")).StatusCode);
    }

    [Fact]
    public async Task A_service_token_is_refused_by_every_ordinary_endpoint()
    {
        var service = fixture.Service.CreateClient().WithToken(ServiceToken());
        await (await service.GetAsync("/api/profiles/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Erasing_removes_the_profile_and_the_company_page_and_is_idempotent()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);
        (await candidate.Client.PutAsJsonAsync("/api/profiles/me", ProfileRequests.Profile())).EnsureSuccessStatusCode();
        var company = await (await recruiter.Client.PostAsJsonAsync("/api/profiles/companies", ProfileRequests.Company(name: "Erased Corp")))
            .Content.ReadFromJsonAsync<JsonElement>();
        var service = fixture.Service.CreateClient().WithToken(ServiceToken());

        foreach (var user in new[] { candidate, recruiter })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await service.DeleteAsync($"/api/profiles/personal-data/{user.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await service.DeleteAsync($"/api/profiles/personal-data/{user.Id}")).StatusCode);
        }

        var export = await service.GetFromJsonAsync<JsonElement>($"/api/profiles/personal-data/{candidate.Id}");
        Assert.Equal(JsonValueKind.Null, export.GetProperty("profile").ValueKind);
        await (await candidate.Client.GetAsync("/api/profiles/me")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await fixture.Anonymous().GetAsync($"/api/profiles/companies/{company.GetProperty("id").GetGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_suspended_users_token_stops_working_in_other_services_within_seconds()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var admin = fixture.Auth.CreateClient().WithToken(
            (await fixture.Auth.CreateClient().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword)).AccessToken);
        (await candidate.Client.PutAsJsonAsync("/api/profiles/me", ProfileRequests.Profile())).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/auth/users/{candidate.Id}/suspend", null)).StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpResponseMessage response;
        do
        {
            await Task.Delay(200);
            response = await candidate.Client.GetAsync("/api/profiles/me");
        }
        while (response.StatusCode == HttpStatusCode.OK && DateTime.UtcNow < deadline);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private string ServiceToken()
    {
        using var scope = fixture.Auth.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<TokenService>().IssueServiceToken(TimeSpan.FromMinutes(2));
    }
}

[Collection(SqliteProfilesCollection.Name)]
[Trait("Category", "integration")]
public sealed class SqliteProfilesPersonalDataTests(SqliteProfilesFixture fixture) : ProfilesPersonalDataTests(fixture);

[Collection(PostgresProfilesCollection.Name)]
[Trait("Category", "integration")]
public sealed class PostgresProfilesPersonalDataTests(PostgresProfilesFixture fixture) : ProfilesPersonalDataTests(fixture);
