using TalentLink.Profiles.Model;

namespace TalentLink.Tests.Profiles;

/// <summary>Admins hide a user's profile and company page; hidden content is seen only by its owner and admins.</summary>
public abstract class ModerationApiTests(ProfilesFixture fixture)
{
    [Fact]
    public async Task A_hidden_profile_is_invisible_to_everyone_but_its_owner_and_admins_until_unhidden()
    {
        var skill = $"mod-{Guid.NewGuid():N}"[..20];
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        await candidate.PutProfileAsync(ProfileRequests.Profile(skills: [skill]));
        var admin = await fixture.AdminAsync();
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);
        var path = $"/api/profiles/candidates/{candidate.Id}";

        var hidden = await admin.Client.PostAsync($"/api/profiles/{candidate.Id}/hide", null);
        Assert.Equal(new ModerationResponse(candidate.Id, Hidden: true, CandidateProfile: true, Company: false), await hidden.Content.ReadFromJsonAsync<ModerationResponse>());

        await (await recruiter.Client.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await fixture.Anonymous().GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, (await SearchAsync(recruiter, skill)).TotalCount);
        Assert.True((await candidate.Client.GetFromJsonAsync<CandidateProfileResponse>("/api/profiles/me"))!.Hidden);
        Assert.Equal(HttpStatusCode.OK, (await candidate.Client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync(path)).StatusCode);

        // The owner editing their profile does not lift the moderator's decision.
        await candidate.PutProfileAsync(ProfileRequests.Profile(skills: [skill], headline: "Edited while hidden"));
        await (await recruiter.Client.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/profiles/{candidate.Id}/unhide", null)).StatusCode);
        Assert.Equal("Edited while hidden", (await recruiter.Client.GetFromJsonAsync<CandidateProfileResponse>(path))!.Headline);
        Assert.Equal(1, (await SearchAsync(recruiter, skill)).TotalCount);
    }

    [Fact]
    public async Task Hiding_a_recruiter_hides_their_company_page_from_everyone_but_them_and_admins()
    {
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);
        var company = await recruiter.CreateCompanyAsync(ProfileRequests.Company());
        var admin = await fixture.AdminAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var page = $"/api/profiles/companies/{company.Id}";
        var contract = $"/api/profiles/recruiters/{recruiter.Id}/company";

        var hidden = await admin.Client.PostAsync($"/api/profiles/{recruiter.Id}/hide", null);
        Assert.Equal(new ModerationResponse(recruiter.Id, Hidden: true, CandidateProfile: false, Company: true), await hidden.Content.ReadFromJsonAsync<ModerationResponse>());

        await (await fixture.Anonymous().GetAsync(page)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await candidate.Client.GetAsync(contract)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.True((await recruiter.Client.GetFromJsonAsync<CompanyResponse>(page))!.Hidden);
        Assert.Equal(HttpStatusCode.OK, (await recruiter.Client.GetAsync(contract)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync(page)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/profiles/{recruiter.Id}/unhide", null)).StatusCode);
        Assert.Equal(company.Id, (await candidate.Client.GetFromJsonAsync<CompanySummaryResponse>(contract))!.Id);
        Assert.False((await fixture.Anonymous().GetFromJsonAsync<CompanyResponse>(page))!.Hidden);
    }

    [Fact]
    public async Task Hiding_twice_keeps_the_profile_hidden()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        await candidate.PutProfileAsync(ProfileRequests.Profile());
        var admin = await fixture.AdminAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/profiles/{candidate.Id}/hide", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/profiles/{candidate.Id}/hide", null)).StatusCode);
        await (await fixture.Anonymous().GetAsync($"/api/profiles/candidates/{candidate.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Hiding_a_user_with_nothing_in_profiles_is_not_found()
    {
        var admin = await fixture.AdminAsync();
        var problem = await (await admin.Client.PostAsync($"/api/profiles/{Guid.NewGuid()}/hide", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Nothing to moderate", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData(Roles.Candidate)]
    [InlineData(Roles.Recruiter)]
    public async Task Only_admins_hide_or_unhide(string role)
    {
        var victim = await fixture.NewUserAsync(Roles.Candidate);
        await victim.PutProfileAsync(ProfileRequests.Profile());
        var user = await fixture.NewUserAsync(role);

        await (await user.Client.PostAsync($"/api/profiles/{victim.Id}/hide", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await user.Client.PostAsync($"/api/profiles/{victim.Id}/unhide", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await user.Client.PostAsync($"/api/profiles/{user.Id}/hide", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await fixture.Anonymous().PostAsync($"/api/profiles/{victim.Id}/hide", null)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Anonymous().GetAsync($"/api/profiles/candidates/{victim.Id}")).StatusCode);
    }

    private static async Task<PagedResult<CandidateSummaryResponse>> SearchAsync(TestUser recruiter, string skill) =>
        (await recruiter.Client.GetFromJsonAsync<PagedResult<CandidateSummaryResponse>>($"/api/profiles/candidates?skills={skill}"))!;
}

[Collection(SqliteProfilesCollection.Name)]
[Trait("Category", "integration")]
public sealed class SqliteModerationApiTests(SqliteProfilesFixture fixture) : ModerationApiTests(fixture);

[Collection(PostgresProfilesCollection.Name)]
[Trait("Category", "integration")]
public sealed class PostgresModerationApiTests(PostgresProfilesFixture fixture) : ModerationApiTests(fixture);
