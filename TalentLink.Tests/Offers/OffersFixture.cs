using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.Data;
using TalentLink.Offers.Model;
using TalentLink.Offers.Services;

namespace TalentLink.Tests.Offers;

/// <summary>The Offers service in process on one provider, validating real tokens from an in-process Auth, with Profiles stubbed.</summary>
public sealed class OffersFactory : ServiceFactory<OffersServices>
{
    public const long MaxFileBytes = 256 * 1024;

    public OffersFactory(DatabaseProvider provider, AuthFactory identity, ProfilesStub profiles, string uploads, IReadOnlyDictionary<string, string?>? extra = null)
        : base(provider, ResourceNames.OffersDb, new Dictionary<string, string?>(extra ?? new Dictionary<string, string?>())
        {
            ["Uploads:Path"] = uploads,
            ["Uploads:MaxFileBytes"] = MaxFileBytes.ToString(),
        })
    {
        Identity = identity;
        Profiles = profiles;
    }

    public ProfilesStub Profiles { get; }

    /// <summary>The real flushes, which a test can watch.</summary>
    public ObservedFileDurability Durability { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient<ProfilesClient>().ConfigurePrimaryHttpMessageHandler(() => Profiles);
            services.AddSingleton<FileDurability>(Durability);
        });
    }
}

/// <summary>Flushes for real and tells <see cref="Observer"/> of each step (<c>file</c> or <c>directory</c>).</summary>
public sealed class ObservedFileDurability : FileDurability
{
    public Action<string>? Observer { get; set; }

    public override void Flush(FileStream file)
    {
        base.Flush(file);
        Observer?.Invoke("file");
    }

    public override void FlushDirectory(string directory)
    {
        base.FlushDirectory(directory);
        Observer?.Invoke("directory");
    }
}

/// <summary>Auth + Offers (+ the Profiles stub and an uploads folder) on one provider, shared by a test class.</summary>
public abstract class OffersFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private AuthFactory? _auth;
    private OffersFactory? _offers;

    public DatabaseProvider Provider => provider;

    public ProfilesStub Profiles { get; } = new();

    public string UploadsPath { get; } = Directory.CreateTempSubdirectory("talentlink-uploads-").FullName;

    public AuthFactory Auth => _auth ?? throw new InvalidOperationException("Not initialised.");

    public OffersFactory Offers => _offers ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        _auth = new AuthFactory(provider);
        await _auth.InitializeAsync();
        _offers = new OffersFactory(provider, _auth, Profiles, UploadsPath);
        await _offers.InitializeAsync();
    }

    /// <summary>A new signed-in user of the role, with an Offers client carrying their token.</summary>
    public async Task<TestUser> NewUserAsync(string role)
    {
        var tokens = await Auth.CreateClient().NewUserAsync(role);
        return new TestUser(tokens.User.Id, Offers.CreateClient().WithToken(tokens.AccessToken));
    }

    /// <summary>A recruiter whose company page exists in Profiles.</summary>
    public async Task<TestUser> NewRecruiterWithCompanyAsync(string company = "Acme Robotics")
    {
        var recruiter = await NewUserAsync(Roles.Recruiter);
        Profiles.AddCompany(recruiter.Id, company);
        return recruiter;
    }

    public async Task<HttpClient> AdminAsync()
    {
        var tokens = await Auth.CreateClient().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword);
        return Offers.CreateClient().WithToken(tokens.AccessToken);
    }

    public HttpClient Anonymous() => Offers.CreateClient();

    /// <summary>Stored files in the uploads folder (temporary ones included, so leftovers show).</summary>
    public IReadOnlyList<string> StoredFiles() =>
        Directory.EnumerateFiles(UploadsPath, "*", SearchOption.AllDirectories).Order().ToList();

    public async Task DisposeAsync()
    {
        if (_offers is not null)
        {
            await _offers.DisposeAsync();
        }

        if (_auth is not null)
        {
            await _auth.DisposeAsync();
        }

        try { Directory.Delete(UploadsPath, recursive: true); } catch (IOException) { }
    }
}

public sealed record TestUser(Guid Id, HttpClient Client);

public sealed class SqliteOffersFixture() : OffersFixture(DatabaseProvider.Sqlite);

public sealed class PostgresOffersFixture() : OffersFixture(DatabaseProvider.Postgres);
