using System.Diagnostics;
using TalentLink.Profiles.Model;

namespace TalentLink.Tests.Profiles;

/// <summary>
/// A candidate who hid their profile still shows it to the recruiters they applied to; Profiles asks
/// Offers (here <see cref="OffersStub"/>), and when Offers cannot answer it falls back to visibility alone.
/// </summary>
public abstract class ApplicantVisibilityTests(ProfilesFixture fixture)
{
    [Fact]
    public async Task A_recruiter_sees_the_hidden_profile_of_a_candidate_who_applied_to_their_offer()
    {
        var (candidate, recruiter) = await HiddenCandidateAndRecruiterAsync();
        fixture.Offers.Apply(candidate.Id, recruiter.Id);

        var profile = await recruiter.Client.GetFromJsonAsync<CandidateProfileResponse>($"/api/profiles/candidates/{candidate.Id}");
        Assert.Equal("hidden", profile!.Visibility);

        // Applying to one recruiter shows the profile to that recruiter only, and never in search.
        var other = await fixture.NewUserAsync(Roles.Recruiter);
        await (await other.Client.GetAsync($"/api/profiles/candidates/{candidate.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var search = await recruiter.Client.GetFromJsonAsync<PagedResult<CandidateSummaryResponse>>($"/api/profiles/candidates?skills={Tag(candidate)}");
        Assert.Empty(search!.Items);
    }

    [Fact]
    public async Task A_recruiter_the_candidate_did_not_apply_to_does_not_see_a_hidden_profile()
    {
        var (candidate, recruiter) = await HiddenCandidateAndRecruiterAsync();
        var problem = await (await recruiter.Client.GetAsync($"/api/profiles/candidates/{candidate.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain("could not be checked", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_profile_hidden_by_a_moderator_stays_hidden_from_recruiters_the_candidate_applied_to()
    {
        var (candidate, recruiter) = await HiddenCandidateAndRecruiterAsync();
        fixture.Offers.Apply(candidate.Id, recruiter.Id);
        var admin = await fixture.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/profiles/{candidate.Id}/hide", null)).StatusCode);

        await (await recruiter.Client.GetAsync($"/api/profiles/candidates/{candidate.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(OffersStub.Outage.Unreachable)]
    [InlineData(OffersStub.Outage.ServerError)]
    [InlineData(OffersStub.Outage.Garbage)]
    [InlineData(OffersStub.Outage.TooSlow)]
    public async Task When_offers_cannot_answer_the_hidden_profile_stays_hidden_and_the_problem_says_why(OffersStub.Outage outage)
    {
        var (candidate, recruiter) = await HiddenCandidateAndRecruiterAsync();
        fixture.Offers.Apply(candidate.Id, recruiter.Id);
        fixture.Offers.Break(recruiter.Id, outage);

        var stopwatch = Stopwatch.StartNew();
        var problem = await (await recruiter.Client.GetAsync($"/api/profiles/candidates/{candidate.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("could not be checked right now", problem.GetProperty("detail").GetString());
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"Profiles waited {stopwatch.Elapsed} for Offers.");

        // Profiles that do not need Offers are unaffected.
        var open = await fixture.NewUserAsync(Roles.Candidate);
        await open.PutProfileAsync(ProfileRequests.Profile(visibility: "recruiters-only"));
        Assert.Equal(HttpStatusCode.OK, (await recruiter.Client.GetAsync($"/api/profiles/candidates/{open.Id}")).StatusCode);
    }

    private async Task<(TestUser Candidate, TestUser Recruiter)> HiddenCandidateAndRecruiterAsync()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        await candidate.PutProfileAsync(ProfileRequests.Profile(visibility: "hidden", skills: [Tag(candidate)]));
        return (candidate, await fixture.NewUserAsync(Roles.Recruiter));
    }

    private static string Tag(TestUser candidate) => $"applicant-{candidate.Id:N}"[..30];
}

[Collection(SqliteProfilesCollection.Name)]
[Trait("Category", "integration")]
public sealed class SqliteApplicantVisibilityTests(SqliteProfilesFixture fixture) : ApplicantVisibilityTests(fixture);

[Collection(PostgresProfilesCollection.Name)]
[Trait("Category", "integration")]
public sealed class PostgresApplicantVisibilityTests(PostgresProfilesFixture fixture) : ApplicantVisibilityTests(fixture);
