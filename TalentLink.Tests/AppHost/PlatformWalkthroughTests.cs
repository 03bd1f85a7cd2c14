using System.Net.Http.Headers;
using System.Text.Json;
using TalentLink.AppHost;

namespace TalentLink.Tests.AppHost;

/// <summary>
/// The whole platform once, through the gateway on the running AppHost, as its users would walk it:
/// a recruiter publishes an offer, a candidate applies with a CV, they message, an interview is
/// booked, a report is filed and an admin resolves it.
/// </summary>
[Collection(SqliteAppHostCollection.Name)]
[Trait("Category", "apphost")]
public sealed class PlatformWalkthroughTests(SqliteAppHostFixture fixture)
{
    [Fact]
    public async Task A_recruiter_and_a_candidate_go_from_offer_to_interview_and_a_report_is_resolved()
    {
        var recruiterTokens = await fixture.CreateClient(ResourceNames.Gateway).NewUserAsync("recruiter");
        var candidateTokens = await fixture.CreateClient(ResourceNames.Gateway).NewUserAsync("candidate");
        var adminTokens = await fixture.CreateClient(ResourceNames.Gateway).SignInAsync(AppHostFixture.AdminEmail, AppHostFixture.AdminPassword);
        var recruiter = fixture.CreateClient(ResourceNames.Gateway).WithToken(recruiterTokens.AccessToken);
        var candidate = fixture.CreateClient(ResourceNames.Gateway).WithToken(candidateTokens.AccessToken);
        var admin = fixture.CreateClient(ResourceNames.Gateway).WithToken(adminTokens.AccessToken);
        var anonymous = fixture.CreateClient(ResourceNames.Gateway);

        // The recruiter sets up their company and publishes an offer; anyone finds it.
        await ExpectAsync(recruiter.PostAsJsonAsync("/api/profiles/companies", new { name = "Walkthrough Ltd", location = "Paris", size = "11-50" }), HttpStatusCode.Created);
        var word = "walk" + Guid.NewGuid().ToString("N")[..8];
        var offer = await ExpectAsync(recruiter.PostAsJsonAsync("/api/offers", new
        {
            title = $"Platform engineer {word}", description = "Own our .NET services end to end.", location = "Paris", remote = "hybrid",
            contractType = "permanent", salaryMin = 50000, salaryMax = 65000, currency = "EUR", skills = new[] { "c#", "postgresql" },
        }), HttpStatusCode.Created);
        var offerId = offer.GetProperty("id").GetGuid();
        Assert.Equal("Walkthrough Ltd", offer.GetProperty("company").GetProperty("name").GetString());
        await ExpectAsync(recruiter.PostAsync($"/api/offers/{offerId}/publish", null), HttpStatusCode.OK);
        var found = await ExpectAsync(anonymous.GetAsync($"/api/offers?q={word}"), HttpStatusCode.OK);
        Assert.Equal(offerId, Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        // The candidate applies with a PDF CV; the recruiter reviews the application and downloads the CV.
        using var form = new MultipartFormDataContent();
        var cv = new ByteArrayContent(TalentLink.DemoData.DemoCatalog.CurriculumVitae("walkthrough"));
        cv.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(cv, "cv", "cv.pdf");
        form.Add(new StringContent("I would like to join."), "coverLetterText");
        var application = await ExpectAsync(candidate.PostAsync($"/api/offers/{offerId}/applications", form), HttpStatusCode.Created);
        var applicationId = application.GetProperty("id").GetGuid();
        var cvId = application.GetProperty("files")[0].GetProperty("id").GetGuid();
        await ExpectAsync(recruiter.PostAsync($"/api/offers/applications/{applicationId}/review", null), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await recruiter.GetAsync($"/api/offers/applications/{applicationId}/files/{cvId}")).StatusCode);

        // The recruiter writes to the candidate, who reads and answers.
        var conversation = await ExpectAsync(recruiter.PostAsJsonAsync("/api/messaging/conversations", new
        {
            participantIds = new[] { candidateTokens.User.Id }, text = "Thanks for applying! Free for an interview?", clientMessageId = Guid.NewGuid().ToString(),
        }), HttpStatusCode.Created);
        var conversationId = conversation.GetProperty("id").GetGuid();
        var inbox = await ExpectAsync(candidate.GetAsync("/api/messaging/conversations"), HttpStatusCode.OK);
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == conversationId && c.GetProperty("unreadCount").GetInt32() == 1);
        await ExpectAsync(candidate.PostAsJsonAsync($"/api/messaging/conversations/{conversationId}/messages",
            new { text = "Yes, any afternoon this week.", clientMessageId = Guid.NewGuid().ToString() }), HttpStatusCode.Created);

        // The recruiter proposes a slot for the application; the candidate books it and exports it.
        var day = DateTimeOffset.UtcNow.Date.AddDays(3);
        var proposal = await ExpectAsync(recruiter.PostAsJsonAsync("/api/appointments", new
        {
            applicationId,
            slots = new[] { new { startsAt = day.AddHours(14).ToString("yyyy-MM-ddTHH:mm:sszzz"), endsAt = day.AddHours(15).ToString("yyyy-MM-ddTHH:mm:sszzz") } },
            location = "Video call",
        }), HttpStatusCode.Created);
        var appointmentId = proposal.GetProperty("id").GetGuid();
        var slotId = proposal.GetProperty("slots")[0].GetProperty("id").GetGuid();
        var booked = await ExpectAsync(candidate.PostAsJsonAsync($"/api/appointments/{appointmentId}/book", new { slotId }), HttpStatusCode.OK);
        Assert.Equal("confirmed", booked.GetProperty("status").GetString());
        var calendar = await candidate.GetStringAsync($"/api/appointments/{appointmentId}/calendar.ics");
        Assert.Contains("BEGIN:VEVENT", calendar);

        // The candidate reports the offer; an admin resolves the report by hiding it, and it disappears.
        var report = await ExpectAsync(candidate.PostAsJsonAsync("/api/reports", new
        {
            targetType = "offer", targetId = offerId, category = "fraud", description = "The salary range is not what the recruiter told me.",
        }), HttpStatusCode.Created);
        var reportId = report.GetProperty("id").GetGuid();
        await ExpectAsync(admin.PostAsJsonAsync($"/api/reports/{reportId}/resolve", new { decision = "hide-offer", note = "Misleading offer." }), HttpStatusCode.OK);
        await (await anonymous.GetAsync($"/api/offers/{offerId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var mine = await ExpectAsync(candidate.GetAsync("/api/reports/me"), HttpStatusCode.OK);
        Assert.Equal("resolved", mine.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == reportId).GetProperty("status").GetString());
    }

    private static async Task<JsonElement> ExpectAsync(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
