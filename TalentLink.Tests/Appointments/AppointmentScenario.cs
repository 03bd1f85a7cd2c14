using System.Globalization;
using TalentLink.Appointments.Model;
using TalentLink.Auth.Model;

namespace TalentLink.Tests.Appointments;

/// <summary>A recruiter, a candidate and an application between them; helpers to propose and book.</summary>
public sealed class AppointmentScenario
{
    private AppointmentScenario(AppointmentsFixture fixture, TokenResponse recruiter, TokenResponse candidate, FakeApplication application)
    {
        Fixture = fixture;
        Recruiter = recruiter;
        Candidate = candidate;
        Application = application;
    }

    public AppointmentsFixture Fixture { get; }

    public TokenResponse Recruiter { get; }

    public TokenResponse Candidate { get; }

    public FakeApplication Application { get; }

    public HttpClient RecruiterClient => Fixture.Client(Recruiter);

    public HttpClient CandidateClient => Fixture.Client(Candidate);

    public static async Task<AppointmentScenario> CreateAsync(
        AppointmentsFixture fixture, TokenResponse? recruiter = null, TokenResponse? candidate = null, string status = "in-review")
    {
        recruiter ??= await fixture.NewUserAsync("recruiter");
        candidate ??= await fixture.NewUserAsync("candidate");
        var application = fixture.Offers.AddApplication(candidate.User.Id, recruiter.User.Id, status);
        return new AppointmentScenario(fixture, recruiter, candidate, application);
    }

    /// <summary>A slot <paramref name="days"/> days from today at <paramref name="hour"/>:<paramref name="minute"/> UTC.</summary>
    public static object Slot(int days, int hour, int minute = 0, int minutes = 45)
    {
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(days).AddHours(hour).AddMinutes(minute), TimeSpan.Zero);
        return new { startsAt = Iso(start), endsAt = Iso(start.AddMinutes(minutes)) };
    }

    public static string Iso(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public Task<HttpResponseMessage> ProposeAsync(params object[] slots) =>
        RecruiterClient.PostAsJsonAsync("/api/appointments", new { applicationId = Application.Id, slots, location = "Video call" });

    public async Task<AppointmentResponse> ProposedAsync(params object[] slots)
    {
        var response = await ProposeAsync(slots);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AppointmentResponse>())!;
    }

    public static Task<HttpResponseMessage> BookAsync(HttpClient client, AppointmentResponse appointment, int slot = 0) =>
        client.PostAsJsonAsync($"/api/appointments/{appointment.Id}/book", new { slotId = appointment.Slots[slot].Id });

    /// <summary>Proposes one slot and has the candidate book it.</summary>
    public async Task<AppointmentResponse> BookedAsync(object slot)
    {
        var proposed = await ProposedAsync(slot);
        var response = await BookAsync(CandidateClient, proposed);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AppointmentResponse>())!;
    }
}
