using TalentLink.Data;

namespace TalentLink.Tests.Support;

/// <summary>
/// A service in process next to an in-process Auth, both on the same provider, so the service
/// validates real tokens. Shared by a collection; each test makes its own users.
/// </summary>
public abstract class AuthenticatedServiceFixture<TEntryPoint>(DatabaseProvider provider, string databaseName, IReadOnlyDictionary<string, string?>? settings = null)
    : IAsyncLifetime where TEntryPoint : class
{
    private ServiceFactory<TEntryPoint>? _service;

    public DatabaseProvider Provider => provider;

    public AuthFactory Auth { get; } = new(provider);

    public ServiceFactory<TEntryPoint> Service => _service ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync()
    {
        await Auth.InitializeAsync();
        _service = CreateService(provider, databaseName, settings);
        await _service.InitializeAsync();
    }

    /// <summary>Builds the service under test; override to replace what it depends on (its <see cref="ServiceFactory{T}.Identity"/> must be <see cref="Auth"/>).</summary>
    protected virtual ServiceFactory<TEntryPoint> CreateService(DatabaseProvider provider, string databaseName, IReadOnlyDictionary<string, string?>? settings) =>
        new(provider, databaseName, settings) { Identity = Auth };

    /// <summary>A client of the service with no token.</summary>
    public HttpClient Anonymous() => Service.CreateClient();

    /// <summary>A new user of <paramref name="role"/>, registered and signed in, with a client of the service carrying their token.</summary>
    public async Task<TestUser> NewUserAsync(string role)
    {
        var tokens = await Auth.CreateClient().NewUserAsync(role);
        return new TestUser(tokens.User.Id, role, Service.CreateClient().WithToken(tokens.AccessToken));
    }

    /// <summary>The bootstrap admin, signed in.</summary>
    public async Task<TestUser> AdminAsync()
    {
        var tokens = await Auth.CreateClient().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword);
        return new TestUser(tokens.User.Id, Roles.Admin, Service.CreateClient().WithToken(tokens.AccessToken));
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        await Auth.DisposeAsync();
    }
}

/// <summary>A signed-in user and a client of the service under test that sends their token.</summary>
public sealed record TestUser(Guid Id, string Role, HttpClient Client);
