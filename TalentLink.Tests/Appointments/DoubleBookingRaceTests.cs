using Microsoft.EntityFrameworkCore;
using TalentLink.Appointments.Model;
using static TalentLink.Tests.Appointments.AppointmentScenario;

namespace TalentLink.Tests.Appointments;

/// <summary>
/// Bookings fired at the same moment: the database, not a check before the insert, decides that
/// exactly one wins. Runs on both providers (SQLite trigger, PostgreSQL exclusion constraint).
/// </summary>
public abstract class DoubleBookingRaceTests(AppointmentsFixture fixture)
{
    private const int Racers = 6;

    [Fact]
    public async Task Concurrent_bookings_of_the_same_recruiter_time_confirm_exactly_one()
    {
        var recruiter = await fixture.NewUserAsync("recruiter");
        var proposals = new List<(AppointmentScenario Scenario, AppointmentResponse Proposal)>();
        for (var i = 0; i < Racers; i++)
        {
            var scenario = await CreateAsync(fixture, recruiter: recruiter);
            proposals.Add((scenario, await scenario.ProposedAsync(Slot(30, 10, minute: i * 5))));
        }

        var responses = await RaceAsync(proposals.Select(p => (p.Scenario.CandidateClient, p.Proposal)));

        await AssertExactlyOneWinsAsync(responses);
        Assert.Equal(1, await fixture.WithDatabaseAsync(db => db.BusyTimes.CountAsync(b => b.ParticipantId == recruiter.User.Id)));
        Assert.Equal(1, await fixture.WithDatabaseAsync(db =>
            db.Appointments.CountAsync(a => a.RecruiterId == recruiter.User.Id && a.Status == AppointmentStatus.Confirmed)));
    }

    [Fact]
    public async Task Concurrent_bookings_by_one_candidate_of_overlapping_times_confirm_exactly_one()
    {
        var candidate = await fixture.NewUserAsync("candidate");
        var proposals = new List<(HttpClient Client, AppointmentResponse Proposal)>();
        for (var i = 0; i < Racers; i++)
        {
            var scenario = await CreateAsync(fixture, candidate: candidate);
            proposals.Add((scenario.CandidateClient, await scenario.ProposedAsync(Slot(31, 14, minute: i * 5, minutes: 60))));
        }

        var responses = await RaceAsync(proposals);

        await AssertExactlyOneWinsAsync(responses);
        Assert.Equal(1, await fixture.WithDatabaseAsync(db => db.BusyTimes.CountAsync(b => b.ParticipantId == candidate.User.Id)));
    }

    private static async Task<HttpResponseMessage[]> RaceAsync(IEnumerable<(HttpClient Client, AppointmentResponse Proposal)> bookings)
    {
        using var start = new ManualResetEventSlim();
        var tasks = bookings.Select(b => Task.Run(async () =>
        {
            start.Wait();
            return await BookAsync(b.Client, b.Proposal);
        })).ToList();
        start.Set();
        return await Task.WhenAll(tasks);
    }

    private static async Task AssertExactlyOneWinsAsync(HttpResponseMessage[] responses)
    {
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            var problem = await loser.AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal("Time already booked", problem.GetProperty("title").GetString());
        }
    }
}

[Collection(SqliteAppointmentsCollection.Name)]
[Trait("Category", "integration")]
public sealed class SqliteDoubleBookingRaceTests(SqliteAppointmentsFixture fixture) : DoubleBookingRaceTests(fixture);

[Collection(PostgresAppointmentsCollection.Name)]
[Trait("Category", "integration")]
public sealed class PostgresDoubleBookingRaceTests(PostgresAppointmentsFixture fixture) : DoubleBookingRaceTests(fixture);
