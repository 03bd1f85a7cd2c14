using TalentLink.Profiles.Model;

namespace TalentLink.Tests.Profiles;

/// <summary>
/// Recruiters searching candidates. Each test tags its candidates with a skill of its own, so tests
/// sharing a database never see each other's data.
/// </summary>
public abstract class CandidateSearchTests(ProfilesFixture fixture)
{
    [Fact]
    public async Task Recruiters_find_the_candidates_having_every_requested_skill_whatever_its_case()
    {
        var tag = NewTag();
        var both = await CandidateAsync(ProfileRequests.Profile(skills: [tag, "C#", "SQL"]));
        var csharp = await CandidateAsync(ProfileRequests.Profile(skills: [tag, "c#"]));
        await CandidateAsync(ProfileRequests.Profile(skills: [tag, "sql"]));
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);

        await AssertFoundAsync(recruiter, $"skills={tag.ToUpperInvariant()},%20C%23", both, csharp);
        await AssertFoundAsync(recruiter, $"skills={tag},c%23,sql", both);
        await AssertFoundAsync(recruiter, $"skills={tag},rust");
    }

    [Fact]
    public async Task Location_search_ignores_case_and_matches_part_of_the_location()
    {
        var tag = NewTag();
        var paris = await CandidateAsync(ProfileRequests.Profile(skills: [tag], location: "Paris,  France"));
        var zurich = await CandidateAsync(ProfileRequests.Profile(skills: [tag], location: "Zürich"));
        await CandidateAsync(ProfileRequests.Profile(skills: [tag], location: "Lyon"));
        await CandidateAsync(ProfileRequests.Profile(skills: [tag], location: null));
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);

        await AssertFoundAsync(recruiter, $"skills={tag}&location=PARIS", paris);
        await AssertFoundAsync(recruiter, $"skills={tag}&location=%20paris,%20france%20", paris);
        await AssertFoundAsync(recruiter, $"skills={tag}&location=France", paris);
        await AssertFoundAsync(recruiter, $"skills={tag}&location=Z%C3%9CRICH", zurich);
    }

    [Fact]
    public async Task Availability_search_counts_a_past_start_date_as_available_now()
    {
        var tag = NewTag();
        var now = await CandidateAsync(ProfileRequests.Profile(skills: [tag], availability: "immediately"));
        var since2020 = await CandidateAsync(ProfileRequests.Profile(skills: [tag], availability: "from-date", availableFrom: "2020-01-01"));
        var from2999 = await CandidateAsync(ProfileRequests.Profile(skills: [tag], availability: "from-date", availableFrom: "2999-01-01"));
        var notLooking = await CandidateAsync(ProfileRequests.Profile(skills: [tag], availability: "not-looking"));
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);

        await AssertFoundAsync(recruiter, $"skills={tag}&availability=immediately", now, since2020);
        await AssertFoundAsync(recruiter, $"skills={tag}&availability=from-date", since2020, from2999);
        await AssertFoundAsync(recruiter, $"skills={tag}&availability=NOT-LOOKING", notLooking);
        await AssertFoundAsync(recruiter, $"skills={tag}&availableBy=2999-06-01", now, since2020, from2999);
        await AssertFoundAsync(recruiter, $"skills={tag}&availableBy=2998-12-31", now, since2020);
    }

    [Fact]
    public async Task Search_returns_public_and_recruiters_only_profiles_but_never_hidden_ones()
    {
        var tag = NewTag();
        var open = await CandidateAsync(ProfileRequests.Profile(skills: [tag], visibility: "public"));
        var recruitersOnly = await CandidateAsync(ProfileRequests.Profile(skills: [tag], visibility: "recruiters-only"));
        await CandidateAsync(ProfileRequests.Profile(skills: [tag], visibility: "hidden"));

        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);
        await AssertFoundAsync(recruiter, $"skills={tag}", open, recruitersOnly);
        await AssertFoundAsync(await fixture.AdminAsync(), $"skills={tag}", open, recruitersOnly);
    }

    [Fact]
    public async Task Results_are_paged_most_recently_updated_first_without_gaps_or_repeats()
    {
        var tag = NewTag();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await CandidateAsync(ProfileRequests.Profile(skills: [tag], headline: $"Candidate {i}")));
        }

        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);
        var seen = new List<Guid>();
        for (var page = 1; page <= 3; page++)
        {
            var result = await recruiter.Client.GetFromJsonAsync<PagedResult<CandidateSummaryResponse>>($"/api/profiles/candidates?skills={tag}&page={page}&pageSize=2");
            Assert.Equal(5, result!.TotalCount);
            Assert.Equal(3, result.TotalPages);
            Assert.Equal(page, result.Page);
            Assert.Equal(page < 3 ? 2 : 1, result.Items.Count);
            Assert.All(result.Items, item => Assert.Equal([tag], item.Skills));
            seen.AddRange(result.Items.Select(item => item.UserId));
        }

        Assert.Equal(Enumerable.Reverse(created), seen);
        var beyond = await recruiter.Client.GetFromJsonAsync<PagedResult<CandidateSummaryResponse>>($"/api/profiles/candidates?skills={tag}&page=4&pageSize=2");
        Assert.Empty(beyond!.Items);
    }

    [Fact]
    public async Task Candidates_and_anonymous_callers_cannot_search()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        await (await candidate.Client.GetAsync("/api/profiles/candidates?skills=c%23")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await fixture.Anonymous().GetAsync("/api/profiles/candidates?skills=c%23")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("skills=a,b,c,d,e,f,g,h,i,j,k", "skills")]
    [InlineData("skills=c%23,,sql", "skills")]
    [InlineData("availability=soon", "availability")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("availableBy=next-week", "availableBy")]
    [InlineData("availableBy=2027-02-30", "availableBy")]
    public async Task An_invalid_search_is_a_bad_request_naming_the_parameter(string query, string field)
    {
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);
        var problem = await (await recruiter.Client.GetAsync($"/api/profiles/candidates?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private static string NewTag() => $"tag-{Guid.NewGuid():N}"[..20];

    private async Task<Guid> CandidateAsync(object profile)
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        await candidate.PutProfileAsync(profile);
        return candidate.Id;
    }

    /// <summary>Asserts the search finds exactly <paramref name="expected"/>, in any order.</summary>
    private static async Task AssertFoundAsync(TestUser user, string query, params Guid[] expected)
    {
        var result = await user.Client.GetFromJsonAsync<PagedResult<CandidateSummaryResponse>>($"/api/profiles/candidates?{query}");
        Assert.Equal(expected.Order(), result!.Items.Select(item => item.UserId).Order());
        Assert.Equal(expected.Length, result.TotalCount);
    }
}

[Collection(SqliteProfilesCollection.Name)]
[Trait("Category", "integration")]
public sealed class SqliteCandidateSearchTests(SqliteProfilesFixture fixture) : CandidateSearchTests(fixture);

[Collection(PostgresProfilesCollection.Name)]
[Trait("Category", "integration")]
public sealed class PostgresCandidateSearchTests(PostgresProfilesFixture fixture) : CandidateSearchTests(fixture);
