using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.AppHost;
using TalentLink.Auth.Model;

namespace TalentLink.Tests.PersonalData;

/// <summary>
/// The account deletion promise on the whole platform, through the gateway: a candidate with data in
/// every service deletes their account while Offers is stopped; their token stops working at once,
/// Offers' part is retried until it is restarted, and afterwards no database, message store or
/// upload holds their id, email or the content they wrote — only anonymised rows remain.
/// </summary>
public abstract class AccountDeletionEndToEndTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_deleted_candidate_leaves_nothing_behind_even_when_a_service_was_down_during_the_deletion()
    {
        var gateway = () => fixture.CreateClient(ResourceNames.Gateway);
        var marker = Guid.NewGuid().ToString("N");
        var email = AuthClient.NewEmail("erased");
        await gateway().RegisterAsync(email, Roles.Candidate);
        var candidateTokens = await gateway().SignInAsync(email);
        var candidateId = candidateTokens.User.Id;
        var candidate = gateway().WithToken(candidateTokens.AccessToken);
        var recruiterTokens = await gateway().NewUserAsync(Roles.Recruiter);
        var recruiter = gateway().WithToken(recruiterTokens.AccessToken);
        var admin = gateway().WithToken((await gateway().SignInAsync(AppHostFixture.AdminEmail, AppHostFixture.AdminPassword)).AccessToken);

        // Data in every service: profile, application with CV and cover letter, messages, a booked interview, a report.
        await ExpectAsync(candidate.PutAsJsonAsync("/api/profiles/me", Profiles.ProfileRequests.Profile(headline: $"Headline {marker}")), HttpStatusCode.OK, HttpStatusCode.Created);
        await ExpectAsync(recruiter.PostAsJsonAsync("/api/profiles/companies", new { name = "Erasure Ltd" }), HttpStatusCode.Created);
        var offer = await ExpectAsync(recruiter.PostAsJsonAsync("/api/offers", new
        {
            title = "Privacy engineer", description = "Erase things properly.", location = "Lyon", remote = "remote",
            contractType = "permanent", salaryMin = 40000, salaryMax = 50000, currency = "EUR", skills = new[] { "c#" },
        }), HttpStatusCode.Created);
        var offerId = offer.GetProperty("id").GetGuid();
        await ExpectAsync(recruiter.PostAsync($"/api/offers/{offerId}/publish", null), HttpStatusCode.OK);
        using var form = new MultipartFormDataContent();
        var cv = new ByteArrayContent(TalentLink.DemoData.DemoCatalog.CurriculumVitae($"cv-content-{marker}"));
        cv.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(cv, "cv", "cv.pdf");
        form.Add(new StringContent($"Cover letter {marker}"), "coverLetterText");
        var application = await ExpectAsync(candidate.PostAsync($"/api/offers/{offerId}/applications", form), HttpStatusCode.Created);
        var applicationId = application.GetProperty("id").GetGuid();
        await ExpectAsync(recruiter.PostAsync($"/api/offers/applications/{applicationId}/review", null), HttpStatusCode.OK);

        var conversation = await ExpectAsync(recruiter.PostAsJsonAsync("/api/messaging/conversations", new
        {
            participantIds = new[] { candidateId }, text = "Hello from the recruiter", clientMessageId = Guid.NewGuid().ToString(),
        }), HttpStatusCode.Created);
        var conversationId = conversation.GetProperty("id").GetGuid();
        await ExpectAsync(candidate.PostAsJsonAsync($"/api/messaging/conversations/{conversationId}/messages",
            new { text = $"Message {marker}", clientMessageId = $"client-{marker}" }), HttpStatusCode.Created);

        var day = DateTimeOffset.UtcNow.Date.AddDays(4);
        var proposal = await ExpectAsync(recruiter.PostAsJsonAsync("/api/appointments", new
        {
            applicationId,
            slots = new[] { new { startsAt = day.AddHours(10).ToString("yyyy-MM-ddTHH:mm:sszzz"), endsAt = day.AddHours(11).ToString("yyyy-MM-ddTHH:mm:sszzz") } },
        }), HttpStatusCode.Created);
        var appointmentId = proposal.GetProperty("id").GetGuid();
        await ExpectAsync(candidate.PostAsJsonAsync($"/api/appointments/{appointmentId}/book", new { slotId = proposal.GetProperty("slots")[0].GetProperty("id").GetGuid() }), HttpStatusCode.OK);
        await ExpectAsync(candidate.PostAsJsonAsync("/api/reports", new { targetType = "offer", targetId = offerId, category = "spam", description = "Looks copied from elsewhere." }), HttpStatusCode.Created);

        string[] needles = [candidateId.ToString(), candidateId.ToString("N"), email, marker];
        Assert.NotEmpty(await PersonalDataSearch.FindAsync(fixture, needles));

        // Offers is down while the candidate deletes their account.
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        Assert.True((await commands.ExecuteCommandAsync(ResourceNames.Offers, "resource-stop")).Success);
        var deleteRequest = new HttpRequestMessage(HttpMethod.Delete, "/api/auth/account") { Content = JsonContent.Create(new { password = AuthClient.Password }) };
        var deleted = await candidate.SendAsync(deleteRequest);
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);

        // The token stops working in the other services at once (within their revocation poll).
        await EventuallyAsync(async () => (await candidate.GetAsync("/api/profiles/me")).StatusCode == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(10));

        // The admin sees Offers' step failing and retried while the others are done.
        string? seen = null;
        var pending = await EventuallyAsync(async () =>
        {
            seen = await admin.GetStringAsync($"/api/auth/deletions/{candidateId}");
            var deletion = JsonSerializer.Deserialize<DeletionResponse>(seen, JsonSerializerOptions.Web);
            return deletion!.Steps.Single(s => s.Service == ResourceNames.Offers).Attempts >= 1
                   && deletion.Steps.Where(s => s.Service != ResourceNames.Offers).All(s => s.Status == DeletionResponse.Completed) ? deletion : null;
        }, TimeSpan.FromSeconds(60), () => seen);
        Assert.Equal(DeletionResponse.Pending, pending.Status);
        Assert.NotNull(pending.Steps.Single(s => s.Service == ResourceNames.Offers).LastError);

        Assert.True((await commands.ExecuteCommandAsync(ResourceNames.Offers, "resource-start")).Success);
        await EventuallyAsync(async () =>
            (await admin.GetFromJsonAsync<DeletionResponse>($"/api/auth/deletions/{candidateId}"))!.Status == DeletionResponse.Completed, TimeSpan.FromSeconds(120));

        Assert.Empty(await PersonalDataSearch.FindAsync(fixture, needles));

        // What the other party still sees: an anonymous withdrawn application, a cancelled interview, the conversation with a marker.
        var withdrawn = await ExpectAsync(recruiter.GetAsync($"/api/offers/applications/{applicationId}"), HttpStatusCode.OK);
        Assert.Equal("withdrawn", withdrawn.GetProperty("status").GetString());
        Assert.Empty(withdrawn.GetProperty("files").EnumerateArray());
        var cancelled = await ExpectAsync(recruiter.GetAsync($"/api/appointments/{appointmentId}"), HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal("The other participant deleted their account.", cancelled.GetProperty("cancellationReason").GetString());
        var history = await ExpectAsync(recruiter.GetAsync($"/api/messaging/conversations/{conversationId}/messages"), HttpStatusCode.OK);
        var texts = history.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Contains("Hello from the recruiter", texts);
        Assert.Contains("[message deleted]", texts);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<string?>? lastSeen = null) where T : class
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await probe() is { } result)
                {
                    return result;
                }
            }
            catch (HttpRequestException) when (stopwatch.Elapsed < timeout)
            {
                // A service restarting behind the gateway.
            }

            Assert.True(stopwatch.Elapsed < timeout, $"Not done within {timeout}. Last seen: {lastSeen?.Invoke()}");
            await Task.Delay(250);
        }
    }

    private static Task EventuallyAsync(Func<Task<bool>> probe, TimeSpan timeout) =>
        EventuallyAsync(async () => await probe() ? new object() : null, timeout);

    private static async Task<JsonElement> ExpectAsync(Task<HttpResponseMessage> call, params HttpStatusCode[] expected)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected.Contains(response.StatusCode), $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}

[Collection(SqliteAppHostCollection.Name)]
[Trait("Category", "apphost")]
public sealed class SqliteAccountDeletionEndToEndTests(SqliteAppHostFixture fixture) : AccountDeletionEndToEndTests(fixture);

[Collection(PostgresAppHostCollection.Name)]
[Trait("Category", "apphost")]
public sealed class PostgresAccountDeletionEndToEndTests(PostgresAppHostFixture fixture) : AccountDeletionEndToEndTests(fixture);
