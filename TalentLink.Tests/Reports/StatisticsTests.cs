using TalentLink.Reports.Model;

namespace TalentLink.Tests.Reports;

/// <summary>Admin statistics aggregated from Auth, Offers and Reports' own data; every test runs once per provider.</summary>
public abstract class StatisticsTests(ReportsFixture fixture)
{
    [Fact]
    public async Task Admin_statistics_combine_users_offers_applications_and_reports()
    {
        await fixture.ReportAsync(fixture.Client(await fixture.NewUserAsync("recruiter")), "offer", Guid.NewGuid());
        var admin = await fixture.AdminAsync();

        var statistics = await admin.GetFromJsonAsync<StatisticsResponse>("/api/reports/statistics");
        Assert.Empty(statistics!.Unavailable);
        Assert.True(statistics.UsersByRole!["recruiter"] >= 1);
        Assert.True(statistics.UsersByRole["admin"] >= 1);
        Assert.Equal(fixture.Offers.OffersByStatus, statistics.OffersByStatus);
        Assert.Equal(fixture.Offers.ApplicationsByStatus, statistics.ApplicationsByStatus);
        Assert.True(statistics.ReportsByStatus["open"] >= 1);
        Assert.Equal(["open", "in-review", "resolved", "dismissed"], statistics.ReportsByStatus.Keys);
    }

    [Fact]
    public async Task Reports_outside_the_date_range_are_not_counted()
    {
        var admin = await fixture.AdminAsync();
        var statistics = await admin.GetFromJsonAsync<StatisticsResponse>("/api/reports/statistics?from=2001-01-01T00:00:00Z&to=2001-02-01T00:00:00Z");
        Assert.All(statistics!.ReportsByStatus.Values, count => Assert.Equal(0, count));

        await (await admin.GetAsync("/api/reports/statistics?from=2001-02-01T00:00:00Z&to=2001-01-01T00:00:00Z")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.GetAsync("/api/reports/statistics?from=yesterday")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task When_auth_and_offers_are_down_statistics_say_so_instead_of_failing()
    {
        var admin = await fixture.AdminAsync();
        fixture.Offers.IsDown = true;
        fixture.Service.AuthIsDown = true;
        StatisticsResponse? statistics;
        try
        {
            statistics = await admin.GetFromJsonAsync<StatisticsResponse>("/api/reports/statistics");
        }
        finally
        {
            fixture.Offers.IsDown = false;
            fixture.Service.AuthIsDown = false;
        }

        Assert.Equal(["auth", "offers"], statistics!.Unavailable.Order());
        Assert.Null(statistics.UsersByRole);
        Assert.Null(statistics.OffersByStatus);
        Assert.Null(statistics.ApplicationsByStatus);
        Assert.NotEmpty(statistics.ReportsByStatus);
    }
}

[Collection(SqliteReportsCollection.Name)]
[Trait("Category", "integration")]
public sealed class SqliteStatisticsTests(SqliteReportsFixture fixture) : StatisticsTests(fixture);

[Collection(PostgresReportsCollection.Name)]
[Trait("Category", "integration")]
public sealed class PostgresStatisticsTests(PostgresReportsFixture fixture) : StatisticsTests(fixture);
