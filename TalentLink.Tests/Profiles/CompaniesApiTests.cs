using TalentLink.Profiles.Model;

namespace TalentLink.Tests.Profiles;

/// <summary>Company pages: one per recruiter, edited only by them, read by anyone.</summary>
public abstract class CompaniesApiTests(ProfilesFixture fixture)
{
    [Fact]
    public async Task A_recruiter_creates_their_company_page_and_anyone_reads_it()
    {
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);
        var response = await recruiter.Client.PostAsJsonAsync("/api/profiles/companies", ProfileRequests.Company(name: "  Acme   Robotics "));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var company = (await response.Content.ReadFromJsonAsync<CompanyResponse>())!;
        Assert.Equal($"/api/profiles/companies/{company.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Acme Robotics", company.Name);
        Assert.Equal(recruiter.Id, company.RecruiterId);

        var page = await fixture.Anonymous().GetFromJsonAsync<CompanyResponse>($"/api/profiles/companies/{company.Id}");
        Assert.Equal(company with { }, page);
    }

    [Fact]
    public async Task Offers_read_a_recruiters_company_through_the_agreed_contract()
    {
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);
        var company = await recruiter.CreateCompanyAsync(ProfileRequests.Company(name: "Globex", website: "https://globex.example"));
        var candidate = await fixture.NewUserAsync(Roles.Candidate);

        var json = await candidate.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/profiles/recruiters/{recruiter.Id}/company");
        Assert.Equal(company.Id, json.GetProperty("id").GetGuid());
        Assert.Equal("Globex", json.GetProperty("name").GetString());
        Assert.Equal("Lyon", json.GetProperty("location").GetString());
        Assert.Equal("https://globex.example", json.GetProperty("website").GetString());
        Assert.Equal(["id", "name", "location", "website"], json.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_recruiter_without_a_company_page_is_not_found_and_the_contract_needs_a_token()
    {
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);
        var problem = await (await recruiter.Client.GetAsync($"/api/profiles/recruiters/{recruiter.Id}/company")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Company not found", problem.GetProperty("title").GetString());
        await (await fixture.Anonymous().GetAsync($"/api/profiles/recruiters/{recruiter.Id}/company")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await fixture.Anonymous().GetAsync($"/api/profiles/companies/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_recruiter_belongs_to_one_company_so_a_second_one_is_a_conflict()
    {
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);
        var first = await recruiter.CreateCompanyAsync(ProfileRequests.Company(name: "First"));

        var second = await recruiter.Client.PostAsJsonAsync("/api/profiles/companies", ProfileRequests.Company(name: "Second"));
        await second.AssertProblemAsync(HttpStatusCode.Conflict);

        var mine = await recruiter.Client.GetFromJsonAsync<CompanySummaryResponse>($"/api/profiles/recruiters/{recruiter.Id}/company");
        Assert.Equal(new CompanySummaryResponse(first.Id, "First", "Lyon", "https://acme.example"), mine);
    }

    [Fact]
    public async Task Two_simultaneous_creations_by_one_recruiter_leave_exactly_one_company()
    {
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            recruiter.Client.PostAsJsonAsync("/api/profiles/companies", ProfileRequests.Company(name: $"Racer {i}"))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var rejected in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await rejected.AssertProblemAsync(HttpStatusCode.Conflict);
        }
    }

    [Fact]
    public async Task Only_the_recruiter_who_owns_a_company_edits_it()
    {
        var owner = await fixture.NewUserAsync(Roles.Recruiter);
        var company = await owner.CreateCompanyAsync(ProfileRequests.Company(name: "Initech"));
        var path = $"/api/profiles/companies/{company.Id}";

        var problem = await (await (await fixture.NewUserAsync(Roles.Recruiter)).Client.PutAsJsonAsync(path, ProfileRequests.Company(name: "Hijacked")))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Not your company", problem.GetProperty("title").GetString());
        await (await (await fixture.NewUserAsync(Roles.Candidate)).Client.PutAsJsonAsync(path, ProfileRequests.Company(name: "Hijacked"))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await (await fixture.AdminAsync()).Client.PutAsJsonAsync(path, ProfileRequests.Company(name: "Hijacked"))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await fixture.Anonymous().PutAsJsonAsync(path, ProfileRequests.Company(name: "Hijacked"))).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Initech", (await fixture.Anonymous().GetFromJsonAsync<CompanyResponse>(path))!.Name);

        var updated = await owner.Client.PutAsJsonAsync(path, ProfileRequests.Company(name: "Initech Global", website: null, size: "201-1000"));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var page = await fixture.Anonymous().GetFromJsonAsync<CompanyResponse>(path);
        Assert.Equal(("Initech Global", null, "201-1000"), (page!.Name, page.Website, page.Size));
        await (await owner.Client.PutAsJsonAsync($"/api/profiles/companies/{Guid.NewGuid()}", ProfileRequests.Company())).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_recruiters_create_company_pages()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        await (await candidate.Client.PostAsJsonAsync("/api/profiles/companies", ProfileRequests.Company())).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await fixture.Anonymous().PostAsJsonAsync("/api/profiles/companies", ProfileRequests.Company())).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await candidate.Client.GetAsync($"/api/profiles/recruiters/{candidate.Id}/company")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("name", """{ "name": " " }""")]
    [InlineData("name", """{ "name": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" }""")]
    [InlineData("website", """{ "name": "Acme", "website": "acme.example" }""")]
    [InlineData("website", """{ "name": "Acme", "website": "ftp://acme.example" }""")]
    [InlineData("website", """{ "name": "Acme", "website": "javascript:alert(1)" }""")]
    [InlineData("size", """{ "name": "Acme", "size": "huge" }""")]
    [InlineData("location", """{ "name": "Acme", "location": "Lyon\u0007" }""")]
    public async Task An_invalid_company_is_rejected_naming_the_field_and_nothing_is_saved(string field, string body)
    {
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);
        var problem = await (await recruiter.Client.PostAsync("/api/profiles/companies", ProfileRequests.Json(body))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());

        await (await recruiter.Client.GetAsync($"/api/profiles/recruiters/{recruiter.Id}/company")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_invalid_company_update_leaves_the_page_unchanged()
    {
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);
        var company = await recruiter.CreateCompanyAsync(ProfileRequests.Company(name: "Umbrella"));
        var path = $"/api/profiles/companies/{company.Id}";

        await (await recruiter.Client.PutAsJsonAsync(path, ProfileRequests.Company(name: "Umbrella Corp", size: "a lot"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await recruiter.Client.PutAsync(path, ProfileRequests.Json("{broken"))).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(company, await fixture.Anonymous().GetFromJsonAsync<CompanyResponse>(path));
    }
}

[Collection(SqliteProfilesCollection.Name)]
[Trait("Category", "integration")]
public sealed class SqliteCompaniesApiTests(SqliteProfilesFixture fixture) : CompaniesApiTests(fixture);

[Collection(PostgresProfilesCollection.Name)]
[Trait("Category", "integration")]
public sealed class PostgresCompaniesApiTests(PostgresProfilesFixture fixture) : CompaniesApiTests(fixture);
