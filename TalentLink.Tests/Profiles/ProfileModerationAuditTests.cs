using TalentLink.Tests.Audit;

namespace TalentLink.Tests.Profiles;

/// <summary>Profile moderation is on the audit trail, or does not happen.</summary>
public abstract class ProfileModerationAuditTests(ProfilesFixture fixture)
{
    [Fact]
    public async Task Hiding_and_unhiding_a_profile_are_recorded_against_its_owner()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        await candidate.PutProfileAsync(ProfileRequests.Profile());
        var admin = await fixture.AdminAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/profiles/{candidate.Id}/hide", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/profiles/{candidate.Id}/unhide", null)).StatusCode);

        var entries = await fixture.Auth.AuditEntriesAsync($"subject={candidate.Id}&targetType={AuditTargets.Profile}");
        Assert.Equal([AuditActions.ProfileUnhidden, AuditActions.ProfileHidden], entries.Items.Select(e => e.Action));
        Assert.All(entries.Items, e => Assert.Equal(admin.Id, e.ActorId));
    }

    [Fact]
    public async Task When_the_audit_trail_is_down_a_profile_is_not_hidden()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        await candidate.PutProfileAsync(ProfileRequests.Profile());
        var admin = await fixture.AdminAsync();

        HttpResponseMessage response;
        using (fixture.Auth.Audit.TakeDown())
        {
            response = await admin.Client.PostAsync($"/api/profiles/{candidate.Id}/hide", null);
        }

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Anonymous().GetAsync($"/api/profiles/candidates/{candidate.Id}")).StatusCode);
    }
}

[Collection(SqliteProfilesCollection.Name)]
[Trait("Category", "integration")]
public sealed class SqliteProfileModerationAuditTests(SqliteProfilesFixture fixture) : ProfileModerationAuditTests(fixture);

[Collection(PostgresProfilesCollection.Name)]
[Trait("Category", "integration")]
public sealed class PostgresProfileModerationAuditTests(PostgresProfilesFixture fixture) : ProfileModerationAuditTests(fixture);
