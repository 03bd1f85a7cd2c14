using TalentLink.Profiles.Model;

namespace TalentLink.Tests.Profiles;

/// <summary>A candidate's own profile and who may read it; every test runs once per provider.</summary>
public abstract class CandidateProfileApiTests(ProfilesFixture fixture)
{
    [Fact]
    public async Task A_candidate_creates_their_profile_then_put_replaces_it()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);

        var created = await candidate.Client.PutAsJsonAsync("/api/profiles/me", ProfileRequests.Profile());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/profiles/candidates/{candidate.Id}", created.Headers.Location?.OriginalString);
        var first = (await created.Content.ReadFromJsonAsync<CandidateProfileResponse>())!;
        Assert.Equal(candidate.Id, first.UserId);
        Assert.Equal("Developer", Assert.Single(first.Experience).Title);
        Assert.Equal("Université de Lyon", Assert.Single(first.Education).School);

        var replaced = await candidate.Client.PutAsJsonAsync("/api/profiles/me", ProfileRequests.Profile(
            headline: "Lead engineer", skills: ["SQL", "Kubernetes"], availability: "from-date", availableFrom: "2027-01-15",
            experience: [new { title = "Lead", company = "Globex", startDate = "2024-07-01" }, new { title = "Developer", company = "Acme", startDate = "2019-03-01", endDate = "2024-06-30" }]));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        var me = await candidate.Client.GetFromJsonAsync<CandidateProfileResponse>("/api/profiles/me");
        Assert.Equal("Lead engineer", me!.Headline);
        Assert.Equal(["kubernetes", "sql"], me.Skills);
        Assert.Equal(["Lead", "Developer"], me.Experience.Select(e => e.Title));
        Assert.Null(me.Experience[0].EndDate);
        Assert.Equal("from-date", me.Availability);
        Assert.Equal(new DateOnly(2027, 1, 15), me.AvailableFrom);
        Assert.True(me.UpdatedAt >= first.UpdatedAt);
    }

    [Fact]
    public async Task Skills_are_trimmed_lower_cased_single_spaced_and_deduplicated()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var profile = await candidate.PutProfileAsync(ProfileRequests.Profile(skills: ["  C# ", "c#", "Machine \t  Learning", "SQL", "sql "]));
        Assert.Equal(["c#", "machine learning", "sql"], profile.Skills);
    }

    [Fact]
    public async Task A_new_profile_is_for_recruiters_only_unless_told_and_a_put_without_visibility_keeps_it()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var created = await candidate.PutProfileAsync(new { headline = "Quiet developer" });
        Assert.Equal("recruiters-only", created.Visibility);
        Assert.Equal("immediately", created.Availability);

        await candidate.PutProfileAsync(ProfileRequests.Profile(visibility: "hidden"));
        var updated = await candidate.PutProfileAsync(new { headline = "Still quiet" });
        Assert.Equal("hidden", updated.Visibility);
        await (await fixture.Anonymous().GetAsync($"/api/profiles/candidates/{candidate.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reading_my_profile_before_creating_it_is_not_found()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var problem = await (await candidate.Client.GetAsync("/api/profiles/me")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("PUT /api/profiles/me", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("headline", """{ "headline": "   " }""")]
    [InlineData("headline", """{ "headline": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" }""")]
    [InlineData("skills", """{ "headline": "Dev", "skills": ["c#", "  "] }""")]
    [InlineData("skills", """{ "headline": "Dev", "skills": ["an extraordinarily long skill name that nobody could ever type"] }""")]
    [InlineData("availability", """{ "headline": "Dev", "availability": "soon" }""")]
    [InlineData("availableFrom", """{ "headline": "Dev", "availability": "from-date" }""")]
    [InlineData("availableFrom", """{ "headline": "Dev", "availability": "immediately", "availableFrom": "2027-01-01" }""")]
    [InlineData("visibility", """{ "headline": "Dev", "visibility": "friends" }""")]
    [InlineData("experience[0].company", """{ "headline": "Dev", "experience": [{ "title": "Dev", "startDate": "2020-01-01" }] }""")]
    [InlineData("experience[0].startDate", """{ "headline": "Dev", "experience": [{ "title": "Dev", "company": "Acme" }] }""")]
    [InlineData("experience[0].endDate", """{ "headline": "Dev", "experience": [{ "title": "Dev", "company": "Acme", "startDate": "2020-01-01", "endDate": "2019-01-01" }] }""")]
    [InlineData("education[0].school", """{ "headline": "Dev", "education": [{ "degree": "BSc", "startDate": "2010-01-01" }] }""")]
    [InlineData("education[0]", """{ "headline": "Dev", "education": [null] }""")]
    [InlineData("summary", """{ "headline": "Dev", "summary": "nul \u0000 byte" }""")]
    [InlineData("skills", """{ "headline": "Dev", "skills": ["c\u0000"] }""")]
    public async Task An_invalid_profile_is_rejected_naming_the_field_and_nothing_is_saved(string field, string body)
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);

        var problem = await (await candidate.Client.PutAsync("/api/profiles/me", ProfileRequests.Json(body))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());

        await (await candidate.Client.GetAsync("/api/profiles/me")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Too_many_skills_are_rejected_and_the_saved_profile_is_left_unchanged()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var saved = await candidate.PutProfileAsync(ProfileRequests.Profile());

        var tooMany = Enumerable.Range(0, 51).Select(i => $"skill {i}").ToArray();
        var problem = await (await candidate.Client.PutAsJsonAsync("/api/profiles/me", ProfileRequests.Profile(headline: "Changed", skills: tooMany)))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("At most 50", problem.GetProperty("errors").GetProperty("skills")[0].GetString());

        var me = await candidate.Client.GetFromJsonAsync<CandidateProfileResponse>("/api/profiles/me");
        Assert.Equal(saved.Headline, me!.Headline);
        Assert.Equal(saved.Skills, me.Skills);
        Assert.Equal(saved.UpdatedAt, me.UpdatedAt);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{ "headline": "Dev", "experience": [{ "title": "Dev", "company": "Acme", "startDate": "2020-13-45" }] }""")]
    [InlineData("""{ "headline": ["Dev"] }""")]
    public async Task A_malformed_profile_body_is_a_bad_request(string body)
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        await (await candidate.Client.PutAsync("/api/profiles/me", ProfileRequests.Json(body))).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await candidate.Client.GetAsync("/api/profiles/me")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Roles.Recruiter)]
    [InlineData(Roles.Admin)]
    public async Task Only_candidates_have_a_profile_of_their_own(string role)
    {
        var user = role == Roles.Admin ? await fixture.AdminAsync() : await fixture.NewUserAsync(role);
        await (await user.Client.GetAsync("/api/profiles/me")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await user.Client.PutAsJsonAsync("/api/profiles/me", ProfileRequests.Profile())).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await fixture.Anonymous().PutAsJsonAsync("/api/profiles/me", ProfileRequests.Profile())).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await fixture.Anonymous().GetAsync("/api/profiles/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_public_profile_is_readable_by_anyone_even_without_signing_in()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        await candidate.PutProfileAsync(ProfileRequests.Profile(visibility: "public"));
        var other = await fixture.NewUserAsync(Roles.Candidate);

        foreach (var client in new[] { fixture.Anonymous(), other.Client, candidate.Client })
        {
            var profile = await client.GetFromJsonAsync<CandidateProfileResponse>($"/api/profiles/candidates/{candidate.Id}");
            Assert.Equal(candidate.Id, profile!.UserId);
        }
    }

    [Fact]
    public async Task A_recruiters_only_profile_is_shown_to_recruiters_admins_and_its_owner_only()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        await candidate.PutProfileAsync(ProfileRequests.Profile(visibility: "recruiters-only"));
        var path = $"/api/profiles/candidates/{candidate.Id}";

        Assert.Equal(HttpStatusCode.OK, (await (await fixture.NewUserAsync(Roles.Recruiter)).Client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await fixture.AdminAsync()).Client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await candidate.Client.GetAsync(path)).StatusCode);
        await (await (await fixture.NewUserAsync(Roles.Candidate)).Client.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await fixture.Anonymous().GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_profile_its_owner_hid_is_seen_only_by_them_and_admins()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        await candidate.PutProfileAsync(ProfileRequests.Profile(visibility: "hidden"));
        var path = $"/api/profiles/candidates/{candidate.Id}";

        Assert.Equal(HttpStatusCode.OK, (await candidate.Client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await fixture.AdminAsync()).Client.GetAsync(path)).StatusCode);
        var problem = await (await (await fixture.NewUserAsync(Roles.Recruiter)).Client.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Profile not found", problem.GetProperty("title").GetString());
        await (await fixture.Anonymous().GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Simultaneous_first_saves_leave_one_profile_and_no_server_error()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            candidate.Client.PutAsJsonAsync("/api/profiles/me", ProfileRequests.Profile(headline: $"Racer {i}", skills: ["c#", $"skill {i}"]))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var other in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            if (other.StatusCode != HttpStatusCode.OK)
            {
                await other.AssertProblemAsync(HttpStatusCode.Conflict);
            }
        }

        // Whatever won, the stored profile is one whole request, never a mix of two.
        var me = await candidate.Client.GetFromJsonAsync<CandidateProfileResponse>("/api/profiles/me");
        var racer = me!.Headline[^1];
        Assert.Equal(["c#", $"skill {racer}"], me.Skills);
    }

    [Fact]
    public async Task An_unknown_candidate_is_not_found()
    {
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);
        await (await recruiter.Client.GetAsync($"/api/profiles/candidates/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await recruiter.Client.GetAsync("/api/profiles/candidates/not-a-guid")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteProfilesCollection.Name)]
[Trait("Category", "integration")]
public sealed class SqliteCandidateProfileApiTests(SqliteProfilesFixture fixture) : CandidateProfileApiTests(fixture);

[Collection(PostgresProfilesCollection.Name)]
[Trait("Category", "integration")]
public sealed class PostgresCandidateProfileApiTests(PostgresProfilesFixture fixture) : CandidateProfileApiTests(fixture);
