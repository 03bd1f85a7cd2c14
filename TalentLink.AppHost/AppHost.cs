using Microsoft.Extensions.Configuration;
using TalentLink;
using TalentLink.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// Database:Provider (Sqlite by default, or Postgres) decides where every relational service keeps its data.
var databases = builder.AddRelationalDatabases();

var adminEmail = builder.AddParameter("admin-email", "admin@talentlink.local");
var adminPassword = builder.AddParameter(
    "admin-password",
    new GenerateParameterDefault { MinLength = 20, Special = false, MinLower = 2, MinUpper = 2, MinNumeric = 2 },
    secret: true,
    persist: true);

// Auth encrypts its token signing keys in auth.db with this secret, so the database or a backup of
// it alone cannot mint tokens. Generated on first run and kept in the AppHost's user secrets; keep
// a copy apart from the backups: a restored auth.db needs the same secret to start.
var signingKeySecret = builder.AddParameter(
    ResourceNames.SigningKeySecret,
    new GenerateParameterDefault { MinLength = 48, Special = false },
    secret: true,
    persist: true);

// Personal-data export archives are files in the uploads folder, so every Auth replica reaches them.
var auth = builder.AddProject<Projects.Auth_API>(ResourceNames.Auth)
    .WithRelationalDatabase(databases, ResourceNames.AuthDb)
    .WithEnvironment("PersonalData__ExportsPath", Path.Combine(databases.DataDirectory, "uploads", "exports"))
    .WithDataVolume(RelationalDatabases.UploadsVolumeName, RelationalDatabases.ContainerUploadsDirectory)
    .WithEnvironment("Auth__BootstrapAdmin__Email", adminEmail)
    .WithEnvironment("Auth__BootstrapAdmin__Password", adminPassword)
    .WithEnvironment("Auth__SigningKeys__ProtectionSecret", signingKeySecret)
    .WithHttpHealthCheck("/health");

// The append-only audit trail: admin actions and CV/cover-letter downloads, recorded by the services
// that perform them (with the caller's token) and queried by admins and by the people concerned.
var audit = builder.AddProject<Projects.Audit_API>(ResourceNames.Audit)
    .WithRelationalDatabase(databases, ResourceNames.AuditDb)
    .WithReference(auth).WaitFor(auth)
    .WithHttpHealthCheck("/health");
auth.WithReference(audit);

var profiles = builder.AddProject<Projects.Profiles_API>(ResourceNames.Profiles)
    .WithRelationalDatabase(databases, ResourceNames.ProfileDb)
    .WithReference(auth).WaitFor(auth)
    .WithReference(audit)
    .WithHttpHealthCheck("/health");

// Offers keeps CVs and cover letters in an uploads folder under the data directory, beside offers.db.
var offers = builder.AddProject<Projects.Offers_API>(ResourceNames.Offers)
    .WithRelationalDatabase(databases, ResourceNames.OffersDb)
    .WithEnvironment("Uploads__Path", Path.Combine(databases.DataDirectory, "uploads"))
    .WithDataVolume(RelationalDatabases.UploadsVolumeName, RelationalDatabases.ContainerUploadsDirectory)
    .WithReference(auth).WaitFor(auth)
    .WithReference(profiles)
    .WithReference(audit)
    .WithHttpHealthCheck("/health");

// A recruiter also sees the hidden profile of a candidate who applied to them: Profiles asks Offers.
profiles.WithReference(offers);

// Interview slots and bookings; asks Offers about applications with the caller's token.
var appointments = builder.AddProject<Projects.Appointments_API>(ResourceNames.Appointments)
    .WithRelationalDatabase(databases, ResourceNames.AppointmentDb)
    .WithReference(auth).WaitFor(auth)
    .WithReference(offers).WaitFor(offers)
    .WithHttpHealthCheck("/health");

// Abuse reports and moderation; decisions and statistics go through Auth's, Offers' and Profiles' APIs.
var reports = builder.AddProject<Projects.Reports_API>(ResourceNames.Reports)
    .WithRelationalDatabase(databases, ResourceNames.ReportDb)
    .WithReference(auth).WaitFor(auth)
    .WithReference(offers)
    .WithReference(profiles)
    .WithReference(audit)
    .WithHttpHealthCheck("/health");

// Only these services may write to the trail (with the caller's token and a key only they and Audit hold).
audit.WithRecorders(auth, profiles, offers, reports);

// Conversations: MongoDB (container or ConnectionStrings:mongodb), else the embedded store; see MessagingStore.
// Recruiters may open a conversation with a candidate who applied to one of their offers: Offers answers that.
var messaging = builder.AddProject<Projects.Messaging_API>(ResourceNames.Messaging)
    .WithMessageStore(databases)
    .WithReference(auth).WaitFor(auth)
    .WithOffersForApplicantChecks(offers)
    .WithHttpHealthCheck("/health");

// Account deletion and data export: Auth has each service that holds personal data erase or export its part.
auth.WithPersonalDataIn(profiles, offers, appointments, reports, messaging);

// The one public entry point: /api/{service}/…, the SignalR hub, and the API reference at /api-reference.
var gateway = builder.AddProject<Projects.Gateway>(ResourceNames.Gateway)
    .WithExternalHttpEndpoints()
    .WithRoutesTo(auth, profiles, offers, appointments, reports, messaging, audit)
    .WithTrustedProxies()
    .WithHttpHealthCheck("/health");

// Off by default: --DemoData:Enabled=true fills a fresh install with demo companies, people and offers.
if (builder.ExecutionContext.IsRunMode && builder.Configuration.GetValue<bool>("DemoData:Enabled"))
{
    builder.AddProject<Projects.DemoData>(ResourceNames.DemoData)
        .WithReference(gateway)
        .WaitForAll(gateway, auth, profiles, offers, appointments, reports, messaging, audit);
}

// Operations last: it covers every relational database declared above (backup, advice), on a
// schedule and from the dashboard's buttons.
var operations = builder.AddOperations(databases, auth);

// Every service that accepts user tokens reads Auth's revocation feed, keyed with a secret only they hold.
auth.WithRevocationReaders(profiles, offers, appointments, reports, messaging, audit, operations);

builder.PublishServicesAsContainers();

builder.Build().Run();
