using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.Data;
using TalentLink.Reports.Infrastructure;
using TalentLink.Reports.Model;
using TalentLink.Reports.Services;

namespace TalentLink.Tests.Reports;

/// <summary>
/// The Reports service in process. Auth is the real service in process (tokens, suspension and user
/// statistics go through its API); Offers and Profiles are fakes of the agreed contracts.
/// </summary>
public sealed class ReportsFactory(DatabaseProvider provider, AuthFactory auth, FakeOffers offers, FakeProfiles profiles)
    : ServiceFactory<ReportServices>(provider, ResourceNames.ReportDb)
{
    /// <summary>When set, calls to Auth fail as a refused connection does.</summary>
    public bool AuthIsDown { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services
            .RouteClientTo(ServiceClients.Auth, () => new SwitchableHandler(() => AuthIsDown, "auth", auth.Server.CreateHandler()))
            .RouteClientTo(ServiceClients.Offers, offers.CreateHandler)
            .RouteClientTo(ServiceClients.Profiles, profiles.CreateHandler)
            .UseFastRetries());
    }

    private sealed class SwitchableHandler(Func<bool> isDown, string service, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            isDown() ? throw new HttpRequestException($"Connection refused ({service}:80)") : base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Auth + Reports + fake Offers and Profiles on one provider, shared by the Reports test classes.</summary>
public abstract class ReportsFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private ReportsFactory? _service;

    public AuthFactory Auth { get; } = new(provider);

    public FakeOffers Offers { get; } = new();

    public FakeProfiles Profiles { get; } = new();

    public ReportsFactory Service => _service ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        await Auth.InitializeAsync();
        _service = new ReportsFactory(provider, Auth, Offers, Profiles) { Identity = Auth };
        await _service.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        await Auth.DisposeAsync();
    }

    public Task<TalentLink.Auth.Model.TokenResponse> NewUserAsync(string role = "candidate") => Auth.CreateClient().NewUserAsync(role);

    public HttpClient Client(TalentLink.Auth.Model.TokenResponse user) => Service.CreateClient().WithToken(user.AccessToken);

    public async Task<HttpClient> AdminAsync()
    {
        var tokens = await Auth.CreateClient().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword);
        return Service.CreateClient().WithToken(tokens.AccessToken);
    }

    public async Task<T> WithDatabaseAsync<T>(Func<ReportContext, Task<T>> action)
    {
        using var scope = Service.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<ReportContext>());
    }

    /// <summary>Files a report and returns it as its reporter sees it.</summary>
    public async Task<MyReportResponse> ReportAsync(HttpClient reporter, string targetType, Guid targetId, string category = "spam")
    {
        var response = await reporter.PostAsJsonAsync("/api/reports", new { targetType, targetId, category, description = "Looks like a scam." });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<MyReportResponse>())!;
    }
}

public sealed class SqliteReportsFixture() : ReportsFixture(DatabaseProvider.Sqlite);

public sealed class PostgresReportsFixture() : ReportsFixture(DatabaseProvider.Postgres);

[CollectionDefinition(Name)]
public sealed class SqliteReportsCollection : ICollectionFixture<SqliteReportsFixture>
{
    public const string Name = "Reports on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresReportsCollection : ICollectionFixture<PostgresReportsFixture>
{
    public const string Name = "Reports on PostgreSQL";
}
