using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using TalentLink.AppHost;
using TalentLink.DemoData;

namespace TalentLink.Tests.AppHost;

/// <summary>The demo data loads through the gateway into a fresh install, once, and the README's tour works on it.</summary>
[Collection(SqliteAppHostCollection.Name)]
[Trait("Category", "apphost")]
public sealed class DemoDataTests(SqliteAppHostFixture fixture)
{
    [Fact]
    public async Task Demo_data_fills_a_fresh_install_once_and_a_demo_candidate_can_take_the_tour()
    {
        var seeder = new DemoSeeder(fixture.CreateClient(ResourceNames.Gateway), NullLogger<DemoSeeder>.Instance);
        Assert.True(await seeder.SeedAsync(CancellationToken.None));
        Assert.False(await seeder.SeedAsync(CancellationToken.None)); // idempotent: the second run finds the demo accounts

        var gateway = fixture.CreateClient(ResourceNames.Gateway);
        var search = JsonDocument.Parse(await gateway.GetStringAsync("/api/offers?q=engineer&pageSize=50")).RootElement;
        Assert.True(search.GetProperty("totalCount").GetInt32() >= 5);

        var ada = await gateway.SignInAsync($"ada@{DemoCatalog.Domain}", DemoCatalog.Password);
        gateway.WithToken(ada.AccessToken);
        var applications = JsonDocument.Parse(await gateway.GetStringAsync("/api/offers/me/applications")).RootElement;
        Assert.Equal(2, applications.GetProperty("totalCount").GetInt32());
        var conversations = JsonDocument.Parse(await gateway.GetStringAsync("/api/messaging/conversations")).RootElement;
        Assert.Single(conversations.GetProperty("items").EnumerateArray());
    }
}
