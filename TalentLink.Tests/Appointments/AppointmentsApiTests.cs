using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using TalentLink.Appointments.Model;
using TalentLink.Appointments.Services;
using static TalentLink.Tests.Appointments.AppointmentScenario;

namespace TalentLink.Tests.Appointments;

/// <summary>The Appointments API, in process; every test runs once per provider (see the subclasses).</summary>
public abstract class AppointmentsApiTests(AppointmentsFixture fixture)
{
    [Fact]
    public async Task A_recruiter_proposes_slots_and_the_candidate_books_one()
    {
        var scenario = await CreateAsync(fixture, status: "Interview");
        var proposed = await scenario.ProposedAsync(Slot(3, 9), Slot(3, 14));
        Assert.Equal("proposed", proposed.Status);
        Assert.Equal(2, proposed.Slots.Count);
        Assert.Null(proposed.StartsAt);

        var upcoming = await scenario.CandidateClient.GetFromJsonAsync<PagedResult<AppointmentResponse>>("/api/appointments");
        Assert.Equal(proposed.Id, Assert.Single(upcoming!.Items).Id);

        var booked = await BookAsync(scenario.CandidateClient, proposed, slot: 1);
        var confirmed = (await booked.Content.ReadFromJsonAsync<AppointmentResponse>())!;
        Assert.Equal("confirmed", confirmed.Status);
        Assert.Equal(proposed.Slots[1].StartsAt, confirmed.StartsAt);

        var seenByRecruiter = await scenario.RecruiterClient.GetFromJsonAsync<AppointmentResponse>($"/api/appointments/{proposed.Id}");
        Assert.Equal("confirmed", seenByRecruiter!.Status);
        Assert.Equal(TimeSpan.Zero, seenByRecruiter.StartsAt!.Value.Offset);
    }

    [Fact]
    public async Task Booking_a_time_that_overlaps_another_confirmed_appointment_of_the_recruiter_is_a_conflict()
    {
        var first = await CreateAsync(fixture);
        var second = await CreateAsync(fixture, recruiter: first.Recruiter);
        await first.BookedAsync(Slot(4, 10, minutes: 60));
        var overlapping = await second.ProposedAsync(Slot(4, 10, minute: 30));

        var problem = await (await BookAsync(second.CandidateClient, overlapping)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Time already booked", problem.GetProperty("title").GetString());

        var stillProposed = await second.CandidateClient.GetFromJsonAsync<AppointmentResponse>($"/api/appointments/{overlapping.Id}");
        Assert.Equal("proposed", stillProposed!.Status);
        var held = await fixture.WithDatabaseAsync(db => db.BusyTimes.CountAsync(b => b.ParticipantId == first.Recruiter.User.Id));
        Assert.Equal(1, held);
    }

    [Fact]
    public async Task Back_to_back_appointments_do_not_overlap()
    {
        var first = await CreateAsync(fixture);
        var second = await CreateAsync(fixture, candidate: first.Candidate);
        await first.BookedAsync(Slot(5, 9, minutes: 60));
        var next = await second.BookedAsync(Slot(5, 10, minutes: 30));
        Assert.Equal("confirmed", next.Status);
    }

    [Fact]
    public async Task Only_the_two_parties_and_admins_see_an_appointment_and_only_the_other_party_books()
    {
        var scenario = await CreateAsync(fixture);
        var proposed = await scenario.ProposedAsync(Slot(6, 11));
        var stranger = fixture.Client(await fixture.NewUserAsync("candidate"));

        await (await stranger.GetAsync($"/api/appointments/{proposed.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await BookAsync(stranger, proposed)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await BookAsync(scenario.RecruiterClient, proposed)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await scenario.CandidateClient.PostAsJsonAsync($"/api/appointments/{proposed.Id}/book", new { slotId = Guid.NewGuid() }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);

        var admin = await fixture.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/appointments/{proposed.Id}")).StatusCode);
        await (await fixture.Service.CreateClient().GetAsync($"/api/appointments/{proposed.Id}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Proposing_needs_an_application_of_mine_in_review_or_at_interview()
    {
        var submitted = await CreateAsync(fixture, status: "submitted");
        var problem = await (await submitted.ProposeAsync(Slot(7, 9))).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("submitted", problem.GetProperty("detail").GetString());

        var scenario = await CreateAsync(fixture);
        var otherRecruiter = fixture.Client(await fixture.NewUserAsync("recruiter"));
        await (await otherRecruiter.PostAsJsonAsync("/api/appointments", new { applicationId = scenario.Application.Id, slots = new[] { Slot(7, 9) } }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await scenario.CandidateClient.PostAsJsonAsync("/api/appointments", new { applicationId = scenario.Application.Id, slots = new[] { Slot(7, 9) } }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await scenario.RecruiterClient.PostAsJsonAsync("/api/appointments", new { slots = new[] { Slot(7, 9) } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_application_has_one_open_appointment_at_a_time()
    {
        var scenario = await CreateAsync(fixture);
        await scenario.ProposedAsync(Slot(8, 9));
        var problem = await (await scenario.ProposeAsync(Slot(8, 12))).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Appointment already open", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("2030-01-07T10:00:00", "2030-01-07T11:00:00", "explicit offset")]
    [InlineData("next tuesday", "later", "explicit offset")]
    [InlineData("{0}T10:00:00Z", "{0}T10:10:00Z", "between 15 and 240 minutes")]
    [InlineData("{0}T10:00:00Z", "{0}T15:00:00Z", "between 15 and 240 minutes")]
    [InlineData("{0}T11:00:00Z", "{0}T10:00:00Z", "after startsAt")]
    [InlineData("{0}T06:00:00Z", "{0}T07:00:00Z", "working hours")]
    [InlineData("{0}T20:30:00Z", "{0}T21:30:00Z", "working hours")]
    [InlineData("2020-01-07T10:00:00Z", "2020-01-07T11:00:00Z", "future")]
    [InlineData("{1}T10:00:00Z", "{1}T11:00:00Z", "days ahead")]
    public async Task Invalid_slots_are_rejected_with_the_reason(string startsAt, string endsAt, string reason)
    {
        var scenario = await CreateAsync(fixture);
        var day = DateTime.UtcNow.Date.AddDays(9).ToString("yyyy-MM-dd");
        var farDay = DateTime.UtcNow.Date.AddDays(400).ToString("yyyy-MM-dd");
        var slot = new { startsAt = string.Format(startsAt, day, farDay), endsAt = string.Format(endsAt, day, farDay) };

        var problem = await (await scenario.ProposeAsync(slot)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(reason, problem.GetProperty("errors").GetProperty("slots[0]")[0].GetString());
        Assert.Equal(0, await fixture.WithDatabaseAsync(db => db.Appointments.CountAsync(a => a.ApplicationId == scenario.Application.Id)));
    }

    [Fact]
    public async Task Overlapping_slots_in_one_proposal_are_rejected()
    {
        var scenario = await CreateAsync(fixture);
        var problem = await (await scenario.ProposeAsync(Slot(9, 10, minutes: 60), Slot(9, 10, minute: 30))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("slots[1]", out _));
    }

    [Fact]
    public async Task Working_hours_are_those_of_the_recruiters_time_zone()
    {
        var scenario = await CreateAsync(fixture);
        var evening = Slot(10, 22, minutes: 60); // 22:00 UTC: outside 07–21 in UTC, 17:00/18:00 in New York
        await (await scenario.ProposeAsync(evening)).AssertProblemAsync(HttpStatusCode.BadRequest);

        var set = await scenario.RecruiterClient.PutAsJsonAsync("/api/appointments/me/time-zone", new { timeZone = "America/New_York" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var proposed = await scenario.ProposedAsync(evening);
        Assert.Equal("America/New_York", proposed.TimeZone);
        Assert.True(proposed.Slots[0].LocalStartsAt.Offset < TimeSpan.Zero);
        Assert.Equal(proposed.Slots[0].StartsAt, proposed.Slots[0].LocalStartsAt);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Pacific Standard Time")]
    [InlineData("")]
    public async Task An_unknown_or_non_iana_time_zone_is_rejected(string timeZone)
    {
        var client = fixture.Client(await fixture.NewUserAsync("candidate"));
        var problem = await (await client.PutAsJsonAsync("/api/appointments/me/time-zone", new { timeZone })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("timeZone", out _));

        var current = await client.GetFromJsonAsync<TimeZoneResponse>("/api/appointments/me/time-zone");
        Assert.True(current!.IsDefault);
    }

    [Fact]
    public async Task Each_party_sees_local_times_in_their_own_time_zone()
    {
        var scenario = await CreateAsync(fixture);
        await scenario.CandidateClient.PutAsJsonAsync("/api/appointments/me/time-zone", new { timeZone = "Asia/Tokyo" });
        var booked = await scenario.BookedAsync(Slot(11, 8));

        var seen = await scenario.CandidateClient.GetFromJsonAsync<AppointmentResponse>($"/api/appointments/{booked.Id}");
        Assert.Equal("Asia/Tokyo", seen!.TimeZone);
        Assert.Equal(TimeSpan.FromHours(9), seen.LocalStartsAt!.Value.Offset);
        Assert.Equal(17, seen.LocalStartsAt.Value.Hour);
        Assert.Equal(seen.StartsAt, seen.LocalStartsAt);
    }

    [Fact]
    public async Task Rescheduling_releases_the_booked_time_and_the_other_side_books_the_new_proposal()
    {
        var scenario = await CreateAsync(fixture);
        var booked = await scenario.BookedAsync(Slot(12, 9));

        var rescheduled = await scenario.CandidateClient.PostAsJsonAsync($"/api/appointments/{booked.Id}/reschedule", new { slots = new[] { Slot(12, 15) } });
        var proposal = (await rescheduled.Content.ReadFromJsonAsync<AppointmentResponse>())!;
        Assert.Equal("proposed", proposal.Status);
        Assert.Equal(scenario.Candidate.User.Id, proposal.ProposedById);
        Assert.Equal(0, await fixture.WithDatabaseAsync(db => db.BusyTimes.CountAsync(b => b.AppointmentId == booked.Id)));

        await (await BookAsync(scenario.CandidateClient, proposal)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await BookAsync(scenario.RecruiterClient, proposal)).StatusCode);

        // The released 09:00 time is free again for the recruiter.
        var other = await CreateAsync(fixture, recruiter: scenario.Recruiter);
        Assert.Equal("confirmed", (await other.BookedAsync(Slot(12, 9))).Status);
    }

    [Fact]
    public async Task Cancelling_needs_a_reason_frees_the_time_and_cannot_be_undone()
    {
        var scenario = await CreateAsync(fixture);
        var booked = await scenario.BookedAsync(Slot(13, 9));

        await (await scenario.RecruiterClient.PostAsJsonAsync($"/api/appointments/{booked.Id}/cancel", new { reason = "  " }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var cancelled = await scenario.RecruiterClient.PostAsJsonAsync($"/api/appointments/{booked.Id}/cancel", new { reason = "Position filled" });
        var body = (await cancelled.Content.ReadFromJsonAsync<AppointmentResponse>())!;
        Assert.Equal("cancelled", body.Status);
        Assert.Equal("Position filled", body.CancellationReason);

        await (await scenario.CandidateClient.PostAsJsonAsync($"/api/appointments/{booked.Id}/cancel", new { reason = "Again" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        await (await scenario.CandidateClient.PostAsJsonAsync($"/api/appointments/{booked.Id}/reschedule", new { slots = new[] { Slot(13, 12) } }))
            .AssertProblemAsync(HttpStatusCode.Conflict);

        var other = await CreateAsync(fixture, candidate: scenario.Candidate);
        Assert.Equal("confirmed", (await other.BookedAsync(Slot(13, 9))).Status);
    }

    [Fact]
    public async Task When_offers_is_down_proposing_is_a_503_and_nothing_is_written()
    {
        var scenario = await CreateAsync(fixture);
        fixture.Offers.IsDown = true;
        try
        {
            var problem = await (await scenario.ProposeAsync(Slot(14, 9))).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("offers", problem.GetProperty("service").GetString());
        }
        finally
        {
            fixture.Offers.IsDown = false;
        }

        Assert.Equal(0, await fixture.WithDatabaseAsync(db => db.Appointments.CountAsync(a => a.ApplicationId == scenario.Application.Id)));
    }

    [Fact]
    public async Task Upcoming_and_past_lists_are_paged_and_hold_only_my_appointments()
    {
        var recruiter = await fixture.NewUserAsync("recruiter");
        for (var i = 0; i < 3; i++)
        {
            var scenario = await CreateAsync(fixture, recruiter: recruiter);
            await scenario.ProposedAsync(Slot(15 + i, 9));
        }

        var past = await InsertPastAppointmentAsync(recruiter.User.Id, Guid.NewGuid());
        var expired = await InsertPastAppointmentAsync(recruiter.User.Id, Guid.NewGuid(), booked: false, daysAgo: 2);
        var client = fixture.Client(recruiter);

        var page = await client.GetFromJsonAsync<PagedResult<AppointmentResponse>>("/api/appointments?scope=upcoming&page=2&pageSize=2");
        Assert.Equal(3, page!.TotalCount);
        var last = Assert.Single(page.Items);
        Assert.Equal(DateTime.UtcNow.Date.AddDays(17), last.Slots[0].StartsAt.UtcDateTime.Date);

        // Past: the interview held yesterday, then the proposal whose only slot went by unbooked.
        var history = await client.GetFromJsonAsync<PagedResult<AppointmentResponse>>("/api/appointments?scope=past");
        Assert.Equal([past.Id, expired.Id], history!.Items.Select(a => a.Id));

        await (await client.GetAsync("/api/appointments?scope=someday")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/appointments?pageSize=500")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_recruiter_records_the_outcome_of_a_past_interview_but_not_of_a_future_one()
    {
        var scenario = await CreateAsync(fixture);
        var past = await InsertPastAppointmentAsync(scenario.Recruiter.User.Id, scenario.Candidate.User.Id);

        await (await scenario.CandidateClient.PostAsJsonAsync($"/api/appointments/{past.Id}/outcome", new { outcome = "completed" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await scenario.RecruiterClient.PostAsJsonAsync($"/api/appointments/{past.Id}/outcome", new { outcome = "maybe" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var recorded = await scenario.RecruiterClient.PostAsJsonAsync($"/api/appointments/{past.Id}/outcome", new { outcome = "no-show" });
        Assert.Equal("no-show", (await recorded.Content.ReadFromJsonAsync<AppointmentResponse>())!.Status);

        var future = await scenario.BookedAsync(Slot(20, 9));
        var problem = await (await scenario.RecruiterClient.PostAsJsonAsync($"/api/appointments/{future.Id}/outcome", new { outcome = "completed" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Interview not over", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_confirmed_interview_long_past_with_no_outcome_becomes_completed()
    {
        var scenario = await CreateAsync(fixture);
        var recent = await InsertPastAppointmentAsync(scenario.Recruiter.User.Id, scenario.Candidate.User.Id);
        var old = await InsertPastAppointmentAsync(scenario.Recruiter.User.Id, scenario.Candidate.User.Id, daysAgo: 3);

        var now = DateTimeOffset.UtcNow;
        await fixture.WithDatabaseAsync(db => AppointmentCompletion.CompleteOverdueAsync(db, now.AddDays(-1), now, CancellationToken.None));

        var seen = await scenario.CandidateClient.GetFromJsonAsync<PagedResult<AppointmentResponse>>("/api/appointments?scope=past");
        Assert.Equal([("confirmed", recent.Id), ("completed", old.Id)], seen!.Items.Select(a => (a.Status, a.Id)));
    }

    [Fact]
    public async Task A_booked_appointment_exports_as_an_icalendar_file_for_its_parties_only()
    {
        var scenario = await CreateAsync(fixture);
        var proposed = await scenario.ProposedAsync(Slot(21, 13, minute: 30));
        await (await scenario.CandidateClient.GetAsync($"/api/appointments/{proposed.Id}/calendar.ics")).AssertProblemAsync(HttpStatusCode.Conflict);
        await BookAsync(scenario.CandidateClient, proposed);

        var response = await scenario.CandidateClient.GetAsync($"/api/appointments/{proposed.Id}/calendar.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var start = DateTime.UtcNow.Date.AddDays(21).AddHours(13).AddMinutes(30);
        Assert.Contains($"\r\nDTSTART:{start:yyyyMMdd}T133000Z\r\n", text);
        Assert.Contains($"\r\nUID:{proposed.Id}@talentlink\r\n", text);
        Assert.EndsWith("END:VCALENDAR\r\n", text);

        var stranger = fixture.Client(await fixture.NewUserAsync("recruiter"));
        await (await stranger.GetAsync($"/api/appointments/{proposed.Id}/calendar.ics")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_malformed_body_is_a_bad_request()
    {
        var client = fixture.Client(await fixture.NewUserAsync("recruiter"));
        var response = await client.PostAsync("/api/appointments", new StringContent("{\"slots\": 5", System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_appointments_endpoints()
    {
        var document = JsonDocument.Parse(await fixture.Service.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/appointments/{id}/book", out _));
        Assert.True(paths.TryGetProperty("/api/appointments/me/time-zone", out _));
    }

    /// <summary>An interview (or an unbooked proposal) in the past: the API only accepts future slots, so it is arranged in the database.</summary>
    private Task<Appointment> InsertPastAppointmentAsync(Guid recruiterId, Guid candidateId, bool booked = true, int daysAgo = 1) => fixture.WithDatabaseAsync(async db =>
    {
        var start = DateTimeOffset.UtcNow.AddDays(-daysAgo);
        var appointment = new Appointment
        {
            ApplicationId = Guid.NewGuid(),
            OfferId = Guid.NewGuid(),
            RecruiterId = recruiterId,
            CandidateId = candidateId,
            CreatedAt = start.AddDays(-3),
        };
        appointment.Propose(recruiterId, [new TimeRange(start, start.AddHours(1))], start.AddDays(-3));
        if (booked)
        {
            appointment.Book(appointment.Slots[0], start.AddDays(-2));
        }

        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        return appointment;
    });
}

[Collection(SqliteAppointmentsCollection.Name)]
[Trait("Category", "integration")]
public sealed class SqliteAppointmentsApiTests(SqliteAppointmentsFixture fixture) : AppointmentsApiTests(fixture);

[Collection(PostgresAppointmentsCollection.Name)]
[Trait("Category", "integration")]
public sealed class PostgresAppointmentsApiTests(PostgresAppointmentsFixture fixture) : AppointmentsApiTests(fixture);
