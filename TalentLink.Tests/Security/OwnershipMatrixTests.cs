using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TalentLink.AppHost;

namespace TalentLink.Tests.Security;

/// <summary>
/// The ownership half of <c>Security/AuthorizationMatrix.md</c>, through the gateway on the running
/// AppHost: one recruiter and one candidate own a company, a draft and a published offer, an
/// application with its CV, a conversation, an appointment and an export; another recruiter and
/// another candidate then call every route that names one of those resources and must get 403 or
/// 404. A route that names a resource and is in the matrix, but neither here nor exempt (with the
/// reason), fails the test: a new resource route needs its ownership case.
/// </summary>
[Collection(SqliteAppHostCollection.Name)]
[Trait("Category", "apphost")]
public sealed class OwnershipMatrixTests(SqliteAppHostFixture fixture)
{
    /// <summary>Resource routes whose rule is not "its owner only", and why.</summary>
    private static readonly Dictionary<string, string> Exempt = new()
    {
        ["profiles GET api/profiles/candidates/{userId:guid}"] = "visibility, not ownership (ProfilesApiTests cover hidden profiles)",
        ["profiles GET api/profiles/companies/{id:guid}"] = "a public company page",
        ["profiles GET api/profiles/recruiters/{userId:guid}/company"] = "a public company page",
        ["offers GET api/offers/{id:guid}"] = "public once published (the draft case is below, as the PUT route shares the template)",
        ["offers POST api/offers/{id:guid}/applications"] = "any candidate applies to a published offer for themself",
        ["offers GET api/offers/candidates/{candidateId:guid}/has-applied"] = "answers only about the caller's own offers (false otherwise)",
    };

    private sealed record Case(string Service, string Method, string Template, string Intruder, string Url, object? Body = null);

    [Fact]
    public async Task Another_users_resource_is_forbidden_or_not_found_on_every_route_that_names_one()
    {
        var world = await OwnedWorld.CreateAsync(fixture);
        Case[] cases =
        [
            new("profiles", "PUT", "api/profiles/companies/{id:guid}", "recruiter", $"/api/profiles/companies/{world.CompanyId}", new { name = "Taken Over", location = "Lyon", size = "1-10" }),
            new("offers", "GET", "api/offers/{id:guid}", "recruiter", $"/api/offers/{world.DraftOfferId}"),
            new("offers", "PUT", "api/offers/{id:guid}", "recruiter", $"/api/offers/{world.OfferId}", world.OfferBody),
            new("offers", "DELETE", "api/offers/{id:guid}", "recruiter", $"/api/offers/{world.OfferId}"),
            new("offers", "POST", "api/offers/{id:guid}/close", "recruiter", $"/api/offers/{world.OfferId}/close"),
            new("offers", "POST", "api/offers/{id:guid}/publish", "recruiter", $"/api/offers/{world.DraftOfferId}/publish"),
            new("offers", "GET", "api/offers/{id:guid}/applications", "recruiter", $"/api/offers/{world.OfferId}/applications"),
            new("offers", "GET", "api/offers/applications/{id:guid}", "candidate", $"/api/offers/applications/{world.ApplicationId}"),
            new("offers", "GET", "api/offers/applications/{id:guid}", "recruiter", $"/api/offers/applications/{world.ApplicationId}"),
            new("offers", "DELETE", "api/offers/applications/{id:guid}", "candidate", $"/api/offers/applications/{world.ApplicationId}"),
            new("offers", "GET", "api/offers/applications/{id:guid}/files/{fileId:guid}", "candidate", $"/api/offers/applications/{world.ApplicationId}/files/{world.CvId}"),
            new("offers", "GET", "api/offers/applications/{id:guid}/files/{fileId:guid}", "recruiter", $"/api/offers/applications/{world.ApplicationId}/files/{world.CvId}"),
            new("offers", "POST", "api/offers/applications/{id:guid}/review", "recruiter", $"/api/offers/applications/{world.ApplicationId}/review"),
            new("offers", "POST", "api/offers/applications/{id:guid}/interview", "recruiter", $"/api/offers/applications/{world.ApplicationId}/interview"),
            new("offers", "POST", "api/offers/applications/{id:guid}/offer", "recruiter", $"/api/offers/applications/{world.ApplicationId}/offer"),
            new("offers", "POST", "api/offers/applications/{id:guid}/reject", "recruiter", $"/api/offers/applications/{world.ApplicationId}/reject"),
            new("offers", "POST", "api/offers/applications/{id:guid}/withdraw", "candidate", $"/api/offers/applications/{world.ApplicationId}/withdraw"),
            new("appointments", "GET", "api/appointments/{id:guid}", "candidate", $"/api/appointments/{world.AppointmentId}"),
            new("appointments", "GET", "api/appointments/{id:guid}", "recruiter", $"/api/appointments/{world.AppointmentId}"),
            new("appointments", "POST", "api/appointments/{id:guid}/book", "candidate", $"/api/appointments/{world.AppointmentId}/book", new { slotId = world.SlotId }),
            new("appointments", "GET", "api/appointments/{id:guid}/calendar.ics", "candidate", $"/api/appointments/{world.AppointmentId}/calendar.ics"),
            new("appointments", "POST", "api/appointments/{id:guid}/cancel", "candidate", $"/api/appointments/{world.AppointmentId}/cancel", new { reason = "not mine" }),
            new("appointments", "POST", "api/appointments/{id:guid}/cancel", "recruiter", $"/api/appointments/{world.AppointmentId}/cancel", new { reason = "not mine" }),
            new("appointments", "POST", "api/appointments/{id:guid}/outcome", "recruiter", $"/api/appointments/{world.AppointmentId}/outcome", new { outcome = "completed" }),
            new("appointments", "POST", "api/appointments/{id:guid}/reschedule", "recruiter", $"/api/appointments/{world.AppointmentId}/reschedule", new { slots = world.Slots }),
            new("messaging", "GET", "api/messaging/conversations/{id:guid}", "candidate", $"/api/messaging/conversations/{world.ConversationId}"),
            new("messaging", "GET", "api/messaging/conversations/{id:guid}/messages", "candidate", $"/api/messaging/conversations/{world.ConversationId}/messages"),
            new("messaging", "POST", "api/messaging/conversations/{id:guid}/messages", "candidate", $"/api/messaging/conversations/{world.ConversationId}/messages", new { text = "let me in", clientMessageId = "x-1" }),
            new("messaging", "POST", "api/messaging/conversations/{id:guid}/read", "recruiter", $"/api/messaging/conversations/{world.ConversationId}/read", new { messageId = world.MessageId }),
            new("auth", "GET", "api/auth/exports/{id:guid}", "candidate", $"/api/auth/exports/{world.ExportId}"),
            new("auth", "GET", "api/auth/exports/{id:guid}/archive", "candidate", $"/api/auth/exports/{world.ExportId}/archive"),
        ];

        var problems = new StringBuilder();
        var covered = cases.Select(c => $"{c.Service} {c.Method} {c.Template}").ToHashSet();
        foreach (var rule in AuthorizationRule.Load().Where(NamesAnOwnedResource))
        {
            if (!covered.Contains(rule.Key) && !Exempt.ContainsKey(rule.Key))
            {
                problems.AppendLine($"- {rule.Key} names a resource ({rule.Ownership}) but has no ownership case in {nameof(OwnershipMatrixTests)}.");
            }
        }

        foreach (var @case in cases)
        {
            var intruder = @case.Intruder == Roles.Recruiter ? world.OtherRecruiter : world.OtherCandidate;
            var request = new HttpRequestMessage(new HttpMethod(@case.Method), @case.Url)
            {
                Content = @case.Body is null ? null : JsonContent.Create(@case.Body),
            };
            var response = await intruder.SendAsync(request);
            if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
            {
                problems.AppendLine($"- {@case.Method} {@case.Url} as another {@case.Intruder}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        // Nothing the intruders tried changed anything: the owners still see their resources as they were.
        var application = await world.Recruiter.GetFromJsonAsync<JsonElement>($"/api/offers/applications/{world.ApplicationId}");
        Assert.Equal("in-review", application.GetProperty("status").GetString());
        Assert.Equal("published", (await world.Recruiter.GetFromJsonAsync<JsonElement>($"/api/offers/{world.OfferId}")).GetProperty("status").GetString());
        Assert.Equal("draft", (await world.Recruiter.GetFromJsonAsync<JsonElement>($"/api/offers/{world.DraftOfferId}")).GetProperty("status").GetString());
        Assert.True(problems.Length == 0, $"Ownership is not enforced as the matrix says:{Environment.NewLine}{problems}");
    }

    /// <summary>A route with an id in it, open to a role that is not its owner's only by the ownership rule.</summary>
    private static bool NamesAnOwnedResource(AuthorizationRule rule) =>
        rule.Route.Contains('{')
        && !rule.Ownership.StartsWith("admins", StringComparison.Ordinal)
        && !rule.Ownership.StartsWith("Auth's service token", StringComparison.Ordinal)
        && !rule.Ownership.StartsWith("the user themself", StringComparison.Ordinal)
        && (rule.Callers[Roles.Candidate] == "allow" || rule.Callers[Roles.Recruiter] == "allow");

    /// <summary>One recruiter's and one candidate's resources, and two other users to try them.</summary>
    private sealed record OwnedWorld(
        HttpClient Recruiter, HttpClient OtherRecruiter, HttpClient OtherCandidate,
        Guid CompanyId, Guid OfferId, Guid DraftOfferId, object OfferBody, Guid ApplicationId, Guid CvId,
        Guid ConversationId, Guid MessageId, Guid AppointmentId, Guid SlotId, object Slots, Guid ExportId)
    {
        public static async Task<OwnedWorld> CreateAsync(AppHostFixture fixture)
        {
            HttpClient Gateway() => fixture.CreateClient(ResourceNames.Gateway);
            async Task<(HttpClient Client, Guid Id)> UserAsync(string role)
            {
                var tokens = await Gateway().NewUserAsync(role);
                return (Gateway().WithToken(tokens.AccessToken), tokens.User.Id);
            }

            var (recruiter, _) = await UserAsync(Roles.Recruiter);
            var (candidate, candidateId) = await UserAsync(Roles.Candidate);
            var (otherRecruiter, _) = await UserAsync(Roles.Recruiter);
            var (otherCandidate, _) = await UserAsync(Roles.Candidate);

            var company = await ExpectAsync(recruiter.PostAsJsonAsync("/api/profiles/companies", new { name = "Owned Ltd", location = "Paris", size = "11-50" }), HttpStatusCode.Created);
            await ExpectAsync(otherRecruiter.PostAsJsonAsync("/api/profiles/companies", new { name = "Other Ltd", location = "Lyon", size = "1-10" }), HttpStatusCode.Created);
            var offerBody = new
            {
                title = "Owned offer", description = "Only its recruiter may change it.", location = "Paris", remote = "hybrid",
                contractType = "permanent", salaryMin = 50000, salaryMax = 65000, currency = "EUR", skills = new[] { "c#" },
            };
            var offerId = (await ExpectAsync(recruiter.PostAsJsonAsync("/api/offers", offerBody), HttpStatusCode.Created)).GetProperty("id").GetGuid();
            await ExpectAsync(recruiter.PostAsync($"/api/offers/{offerId}/publish", null), HttpStatusCode.OK);
            var draftId = (await ExpectAsync(recruiter.PostAsJsonAsync("/api/offers", offerBody), HttpStatusCode.Created)).GetProperty("id").GetGuid();

            using var form = new MultipartFormDataContent();
            var cv = new ByteArrayContent(TalentLink.DemoData.DemoCatalog.CurriculumVitae("ownership"));
            cv.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(cv, "cv", "cv.pdf");
            form.Add(new StringContent("Please consider me."), "coverLetterText");
            var application = await ExpectAsync(candidate.PostAsync($"/api/offers/{offerId}/applications", form), HttpStatusCode.Created);
            var applicationId = application.GetProperty("id").GetGuid();
            await ExpectAsync(recruiter.PostAsync($"/api/offers/applications/{applicationId}/review", null), HttpStatusCode.OK);

            var conversation = await ExpectAsync(recruiter.PostAsJsonAsync("/api/messaging/conversations", new
            {
                participantIds = new[] { candidateId }, text = "Thanks for applying!", clientMessageId = Guid.NewGuid().ToString(),
            }), HttpStatusCode.Created);
            var conversationId = conversation.GetProperty("id").GetGuid();
            var messages = await ExpectAsync(candidate.GetAsync($"/api/messaging/conversations/{conversationId}/messages"), HttpStatusCode.OK);

            var day = DateTimeOffset.UtcNow.Date.AddDays(3);
            var slots = new[] { new { startsAt = day.AddHours(14).ToString("yyyy-MM-ddTHH:mm:sszzz"), endsAt = day.AddHours(15).ToString("yyyy-MM-ddTHH:mm:sszzz") } };
            var appointment = await ExpectAsync(recruiter.PostAsJsonAsync("/api/appointments", new { applicationId, slots, location = "Video call" }), HttpStatusCode.Created);
            var export = await ExpectAsync(candidate.PostAsync("/api/auth/exports", null), HttpStatusCode.Accepted);

            return new OwnedWorld(recruiter, otherRecruiter, otherCandidate,
                company.GetProperty("id").GetGuid(), offerId, draftId, offerBody, applicationId, application.GetProperty("files")[0].GetProperty("id").GetGuid(),
                conversationId, messages.GetProperty("items")[0].GetProperty("id").GetGuid(),
                appointment.GetProperty("id").GetGuid(), appointment.GetProperty("slots")[0].GetProperty("id").GetGuid(), slots,
                export.GetProperty("id").GetGuid());
        }

        private static async Task<JsonElement> ExpectAsync(Task<HttpResponseMessage> call, HttpStatusCode expected)
        {
            var response = await call;
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {body}");
            return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
