using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.Appointments.Infrastructure;
using TalentLink.Appointments.Model;
using TalentLink.Appointments.Services;
using TalentLink.Data;

namespace TalentLink.Tests.Appointments;

/// <summary>The Appointments service in process, validating tokens from an in-process Auth, talking to a fake Offers.</summary>
public sealed class AppointmentsFactory(DatabaseProvider provider, FakeOffers offers)
    : ServiceFactory<AppointmentServices>(provider, ResourceNames.AppointmentDb)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services
            .RouteClientTo(nameof(IApplicationDirectory), offers.CreateHandler)
            .UseFastRetries());
    }
}

/// <summary>Auth + Appointments + fake Offers on one provider, shared by the Appointments test classes.</summary>
public abstract class AppointmentsFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private AppointmentsFactory? _service;

    public AuthFactory Auth { get; } = new(provider);

    public FakeOffers Offers { get; } = new();

    public AppointmentsFactory Service => _service ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        await Auth.InitializeAsync();
        _service = new AppointmentsFactory(provider, Offers) { Identity = Auth };
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

    public Task<TalentLink.Auth.Model.TokenResponse> NewUserAsync(string role) => Auth.CreateClient().NewUserAsync(role);

    public HttpClient Client(TalentLink.Auth.Model.TokenResponse user) => Service.CreateClient().WithToken(user.AccessToken);

    public async Task<HttpClient> AdminAsync()
    {
        var tokens = await Auth.CreateClient().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword);
        return Service.CreateClient().WithToken(tokens.AccessToken);
    }

    /// <summary>Runs <paramref name="action"/> on the service's own database.</summary>
    public async Task<T> WithDatabaseAsync<T>(Func<AppointmentContext, Task<T>> action)
    {
        using var scope = Service.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppointmentContext>());
    }
}

public sealed class SqliteAppointmentsFixture() : AppointmentsFixture(DatabaseProvider.Sqlite);

public sealed class PostgresAppointmentsFixture() : AppointmentsFixture(DatabaseProvider.Postgres);

[CollectionDefinition(Name)]
public sealed class SqliteAppointmentsCollection : ICollectionFixture<SqliteAppointmentsFixture>
{
    public const string Name = "Appointments on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresAppointmentsCollection : ICollectionFixture<PostgresAppointmentsFixture>
{
    public const string Name = "Appointments on PostgreSQL";
}
