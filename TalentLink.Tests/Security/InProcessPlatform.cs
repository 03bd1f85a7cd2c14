using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.Data;
using TalentLink.Tests.Appointments;
using TalentLink.Tests.Messaging;
using TalentLink.Tests.Offers;
using TalentLink.Tests.Operations;
using TalentLink.Tests.Profiles;
using TalentLink.Tests.Reports;

namespace TalentLink.Tests.Security;

/// <summary>
/// Every relational service (and Operations, which has no database) in process on one provider, each next to the Auth that signs its tokens
/// (the services' own test fixtures, so their fakes of other services come along). The hostile-input
/// and authorization tests walk the endpoints each one maps.
/// </summary>
public abstract class InProcessPlatform(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly List<IAsyncLifetime> _parts = [];
    private readonly DirectoryInfo _operationsData = Directory.CreateTempSubdirectory("talentlink-platform-data-");

    public DatabaseProvider Provider => provider;

    public IReadOnlyList<ServiceUnderTest> Services { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var auth = new AuthFactory(provider);
        ProfilesFixture profiles = provider == DatabaseProvider.Sqlite ? new SqliteProfilesFixture() : new PostgresProfilesFixture();
        OffersFixture offers = provider == DatabaseProvider.Sqlite ? new SqliteOffersFixture() : new PostgresOffersFixture();
        AppointmentsFixture appointments = provider == DatabaseProvider.Sqlite ? new SqliteAppointmentsFixture() : new PostgresAppointmentsFixture();
        ReportsFixture reports = provider == DatabaseProvider.Sqlite ? new SqliteReportsFixture() : new PostgresReportsFixture();
        MessagingFactory messaging = provider == DatabaseProvider.Sqlite ? new SqliteMessagingFactory() : new PostgresMessagingFactory();
        var operations = new OperationsFactory(auth, _operationsData.FullName);
        _parts.AddRange([auth, profiles, offers, appointments, reports, messaging, operations]);
        await Task.WhenAll(_parts.Select(part => part.InitializeAsync()));
        var audit = await auth.Audit.ServiceAsync();

        Services =
        [
            new("auth", auth.Services, auth.CreateClient, auth),
            new("profiles", profiles.Service.Services, profiles.Service.CreateClient, profiles.Auth),
            new("offers", offers.Offers.Services, offers.Offers.CreateClient, offers.Auth),
            new("appointments", appointments.Service.Services, appointments.Service.CreateClient, appointments.Auth),
            new("reports", reports.Service.Services, reports.Service.CreateClient, reports.Auth),
            new("messaging", messaging.Services, messaging.CreateClient, messaging.Auth),
            new("audit", audit.Services, audit.CreateClient, auth),
            new("operations", operations.Services, operations.CreateClient, auth),
        ];
    }

    public async Task DisposeAsync()
    {
        foreach (var part in _parts)
        {
            await part.DisposeAsync();
        }

        _operationsData.Delete(recursive: true);
    }
}

public sealed class SqlitePlatform() : InProcessPlatform(DatabaseProvider.Sqlite);

public sealed class PostgresPlatform() : InProcessPlatform(DatabaseProvider.Postgres);

/// <summary>One service of the platform: its container, clients, the Auth that signs its tokens, and its endpoints.</summary>
public sealed class ServiceUnderTest(string name, IServiceProvider services, Func<HttpClient> createClient, AuthFactory auth)
{
    private static readonly string[] Infrastructure = ["health", "alive", "openapi/", "hubs/"];

    public string Name => name;

    public IServiceProvider Services => services;

    public AuthFactory Auth => auth;

    public HttpClient Anonymous() => createClient();

    /// <summary>A client carrying the token of a new user of <paramref name="role"/> (the bootstrap admin for admin).</summary>
    public async Task<SignedInUser> SignInAsync(string role)
    {
        var authClient = auth.CreateClient();
        var tokens = role == Roles.Admin
            ? await authClient.SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword)
            : await authClient.NewUserAsync(role);
        return new SignedInUser(tokens.User.Id, role, tokens.AccessToken, createClient().WithToken(tokens.AccessToken));
    }

    /// <summary>The API endpoints the service maps (health, OpenAPI and SignalR plumbing left out).</summary>
    public IReadOnlyList<ApiEndpoint> Endpoints() => services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => new ApiEndpoint(name, method, endpoint)))
        .Where(endpoint => !Infrastructure.Any(prefix => endpoint.Template.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
        .OrderBy(endpoint => endpoint.Template, StringComparer.Ordinal).ThenBy(endpoint => endpoint.Method, StringComparer.Ordinal)
        .ToList();

    /// <summary>Rows in every table of the service's database, to show a refused request wrote nothing.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountRowsAsync()
    {
        if (services.GetService<ServiceDatabase>() is not { } database)
        {
            return new SortedDictionary<string, int>(); // Operations keeps no database of its own
        }

        await using var scope = services.CreateAsyncScope();
        var context = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var sql = context.GetService<Microsoft.EntityFrameworkCore.Storage.ISqlGenerationHelper>();
        foreach (var table in context.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.GetViewName() is null)
                     .Select(e => (Name: e.GetTableName()!, Schema: e.GetSchema())).Distinct())
        {
            var qualified = sql.DelimitIdentifier(table.Name, table.Schema);
#pragma warning disable EF1002 // table names come from the model, not from input
            counts[qualified] = await context.Database.SqlQueryRaw<int>($"SELECT COUNT(*) AS \"Value\" FROM {qualified}").SingleAsync();
#pragma warning restore EF1002
        }

        return counts;
    }
}

public sealed record SignedInUser(Guid Id, string Role, string AccessToken, HttpClient Client);

/// <summary>One method + route of a service, e.g. <c>offers POST api/offers/{id:guid}/applications</c>.</summary>
public sealed record ApiEndpoint(string Service, string Method, RouteEndpoint Endpoint)
{
    public string Template => Endpoint.RoutePattern.RawText!.TrimStart('/');

    public bool AllowsAnonymous => Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null
        || Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is null;

    /// <summary>A write that reads a request body (a JSON model or a form); bodiless commands such as "start my export" ignore one.</summary>
    public bool HasBody => Method is "POST" or "PUT" or "PATCH" && Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>() is not null;

    public bool TakesForm => Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true;

    public bool BodyIsOptional => Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>() is not { IsOptional: false };

    /// <summary>An empty body of the kind the endpoint reads (none for GET and DELETE).</summary>
    public HttpContent? EmptyBody() => !HasBody ? null : TakesForm ? new MultipartFormDataContent() : new StringContent("{}", System.Text.Encoding.UTF8, "application/json");

    /// <summary>The URL with every route parameter replaced by <paramref name="value"/> (a fresh GUID by default).</summary>
    public string Url(Func<string, string>? value = null)
    {
        var url = Template;
        foreach (var parameter in Endpoint.RoutePattern.Parameters)
        {
            var pattern = System.Text.RegularExpressions.Regex.Escape("{" + parameter.Name) + "[^}]*}";
            url = System.Text.RegularExpressions.Regex.Replace(url, pattern, (value ?? (_ => Guid.NewGuid().ToString()))(parameter.Name));
        }

        return "/" + url;
    }

    public override string ToString() => $"{Service} {Method} {Template}";
}
