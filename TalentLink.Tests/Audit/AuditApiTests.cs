using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.Audit.Infrastructure;

namespace TalentLink.Tests.Audit;

/// <summary>Recording, querying and protecting the trail; every test runs on both providers.</summary>
public abstract class AuditApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : AuditFixture
{
    [Fact]
    public async Task An_entry_names_the_caller_of_the_recording_service_as_actor_whatever_the_body_claims()
    {
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);
        var someoneElse = Guid.NewGuid();
        var targetId = Guid.NewGuid().ToString();

        var response = await recruiter.Client.RecordAsync(new
        {
            action = AuditActions.ApplicationFileDownloaded,
            targetType = AuditTargets.ApplicationFile,
            targetId,
            subjectUserId = someoneElse,
            clientAddress = "203.0.113.7",
            actorId = Guid.NewGuid(),
            actorRole = Roles.Admin,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var admin = await fixture.AdminAsync();
        var entry = Assert.Single((await admin.Client.EntriesAsync($"targetId={targetId}")).Items);
        Assert.Equal(recruiter.Id, entry.ActorId);
        Assert.Equal(Roles.Recruiter, entry.ActorRole);
        Assert.Equal(someoneElse, entry.SubjectUserId);
        Assert.Equal("203.0.113.7", entry.ClientAddress);
    }

    [Fact]
    public async Task A_user_token_sent_straight_to_the_recording_endpoint_is_refused_and_nothing_is_recorded()
    {
        var admin = await fixture.AdminAsync();
        var targetId = Guid.NewGuid().ToString();

        foreach (var role in new[] { Roles.Candidate, Roles.Recruiter })
        {
            var user = await fixture.NewUserAsync(role);
            var forged = await user.Client.RecordWithoutKeyAsync(new { action = "user.suspended", targetType = "user", targetId });
            await forged.AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        var wrongKey = new HttpRequestMessage(HttpMethod.Post, AuditTestCalls.RecordPath)
        {
            Content = JsonContent.Create(new { action = "user.suspended", targetType = "user", targetId }),
            Headers = { { PlatformHeaders.AuditRecordingKey, "guessed" } },
        };
        await (await admin.Client.SendAsync(wrongKey)).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Empty((await admin.Client.EntriesAsync($"targetId={targetId}")).Items);
    }

    [Fact]
    public async Task Recording_without_a_token_is_refused_and_a_malformed_entry_is_a_precise_bad_request()
    {
        var anonymous = await fixture.Anonymous().RecordAsync(new { action = "user.suspended", targetType = "user", targetId = "x" });
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);

        var admin = await fixture.AdminAsync();
        var bad = await admin.Client.RecordAsync(new { action = "User Suspended", targetType = "", targetId = "", clientAddress = "not-an-address" });
        var problem = await bad.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Contains("lower-case", errors.GetProperty("action")[0].GetString());
        Assert.True(errors.TryGetProperty("targetType", out _));
        Assert.True(errors.TryGetProperty("targetId", out _));
        Assert.Contains("IPv4 or IPv6", errors.GetProperty("clientAddress")[0].GetString());
    }

    [Fact]
    public async Task Admins_filter_the_trail_by_actor_action_subject_target_and_time_newest_first_and_page_through_it()
    {
        var admin = await fixture.AdminAsync();
        var subject = Guid.NewGuid();
        var first = await admin.Client.RecordedAsync(AuditActions.UserSuspended, AuditTargets.User, subject.ToString(), subject);
        var second = await admin.Client.RecordedAsync(AuditActions.UserUnsuspended, AuditTargets.User, subject.ToString(), subject);
        var third = await admin.Client.RecordedAsync(AuditActions.UserSuspended, AuditTargets.User, subject.ToString(), subject);

        var all = await admin.Client.EntriesAsync($"subject={subject}");
        Assert.Equal([third.Id, second.Id, first.Id], all.Items.Select(e => e.Id));

        var suspensions = await admin.Client.EntriesAsync($"subject={subject}&action={AuditActions.UserSuspended}");
        Assert.Equal([third.Id, first.Id], suspensions.Items.Select(e => e.Id));

        var byTarget = await admin.Client.EntriesAsync($"targetType=user&targetId={subject}");
        Assert.Equal(3, byTarget.TotalCount);
        Assert.Empty((await admin.Client.EntriesAsync($"targetType=offer&targetId={subject}")).Items);

        var window = await admin.Client.EntriesAsync(
            $"subject={subject}&from={Uri.EscapeDataString(second.At.ToString("O"))}&to={Uri.EscapeDataString(second.At.ToString("O"))}");
        Assert.Equal([second.Id], window.Items.Select(e => e.Id));

        var page2 = await admin.Client.EntriesAsync($"subject={subject}&page=2&pageSize=2");
        Assert.Equal([first.Id], page2.Items.Select(e => e.Id));
        Assert.Equal(3, page2.TotalCount);
        Assert.Equal(2, page2.TotalPages);
    }

    [Fact]
    public async Task Entries_are_filtered_by_the_acting_user()
    {
        var admin = await fixture.AdminAsync();
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);
        var other = await fixture.NewUserAsync(Roles.Recruiter);
        var target = Guid.NewGuid().ToString();
        var mine = await recruiter.Client.RecordedAsync(AuditActions.ApplicationFileDownloaded, AuditTargets.ApplicationFile, target);
        await other.Client.RecordedAsync(AuditActions.ApplicationFileDownloaded, AuditTargets.ApplicationFile, target);

        var byActor = await admin.Client.EntriesAsync($"actor={recruiter.Id}");

        Assert.Equal([mine.Id], byActor.Items.Select(e => e.Id));
    }

    [Theory]
    [InlineData("actor=someone", "actor")]
    [InlineData("subject=42", "subject")]
    [InlineData("action=Drop%20Table", "action")]
    [InlineData("targetType=USER", "targetType")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-05-02&to=2026-05-01", "to")]
    [InlineData("pageSize=500", "pageSize")]
    public async Task A_bad_filter_is_a_bad_request_naming_it(string query, string field)
    {
        var admin = await fixture.AdminAsync();

        var response = await admin.Client.GetAsync($"/api/audit/entries?{query}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Only_admins_read_the_trail()
    {
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);

        await (await recruiter.Client.GetAsync("/api/audit/entries")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await fixture.Anonymous().GetAsync("/api/audit/entries")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await fixture.Anonymous().GetAsync("/api/audit/me/file-downloads")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_candidate_sees_who_downloaded_their_files_and_nothing_about_other_people()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var otherCandidate = await fixture.NewUserAsync(Roles.Candidate);
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);
        var fileId = Guid.NewGuid().ToString();
        await recruiter.Client.RecordedAsync(AuditActions.ApplicationFileDownloaded, AuditTargets.ApplicationFile, fileId, candidate.Id, "cv", "198.51.100.4");
        await recruiter.Client.RecordedAsync(AuditActions.ApplicationFileDownloaded, AuditTargets.ApplicationFile, Guid.NewGuid().ToString(), otherCandidate.Id, "cv");
        var admin = await fixture.AdminAsync();
        await admin.Client.RecordedAsync(AuditActions.UserSuspended, AuditTargets.User, candidate.Id.ToString(), candidate.Id);

        var response = await candidate.Client.GetAsync("/api/audit/me/file-downloads");
        var body = await response.Content.ReadAsStringAsync();
        var downloads = JsonSerializer.Deserialize<PagedResult<TalentLink.Audit.Model.FileDownloadResponse>>(body, JsonSerializerOptions.Web)!;

        var download = Assert.Single(downloads.Items);
        Assert.Equal(recruiter.Id, download.DownloadedById);
        Assert.Equal(Roles.Recruiter, download.DownloadedByRole);
        Assert.Equal(fileId, download.FileId);
        Assert.DoesNotContain("198.51.100.4", body);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_an_entry()
    {
        var admin = await fixture.AdminAsync();
        var recorded = await admin.Client.RecordedAsync(AuditActions.OfferHidden, AuditTargets.Offer, Guid.NewGuid().ToString());

        await using (var scope = fixture.Service.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<AuditContext>();
            var entry = await context.Entries.SingleAsync(e => e.Id == recorded.Id);
            entry.Action = AuditActions.OfferUnhidden;
            var update = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
            Assert.Contains(AppendOnlyTrail.Message, update.InnerException!.Message);

            context.ChangeTracker.Clear();
            await Assert.ThrowsAnyAsync<Exception>(() => context.Entries.Where(e => e.Id == recorded.Id).ExecuteDeleteAsync());
            await Assert.ThrowsAnyAsync<Exception>(() =>
                context.Entries.Where(e => e.Id == recorded.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Details, "rewritten")));
        }

        var admin2 = await fixture.AdminAsync();
        var stored = Assert.Single((await admin2.Client.EntriesAsync($"targetId={recorded.TargetId}")).Items);
        Assert.Equal(AuditActions.OfferHidden, stored.Action);
        Assert.Null(stored.Details);
    }
}

[Trait("Category", "integration")]
public sealed class SqliteAuditApiTests(SqliteAuditFixture fixture) : AuditApiTests<SqliteAuditFixture>(fixture);

[Trait("Category", "integration")]
public sealed class PostgresAuditApiTests(PostgresAuditFixture fixture) : AuditApiTests<PostgresAuditFixture>(fixture);
