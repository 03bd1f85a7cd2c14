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

var auth = builder.AddProject<Projects.Auth_API>(ResourceNames.Auth)
    .WithRelationalDatabase(databases, ResourceNames.AuthDb)
    .WithEnvironment("Auth__BootstrapAdmin__Email", adminEmail)
    .WithEnvironment("Auth__BootstrapAdmin__Password", adminPassword)
    .WithHttpHealthCheck("/health");

// Interview slots and bookings; asks Offers about applications with the caller's token.
var appointments = builder.AddProject<Projects.Appointments_API>(ResourceNames.Appointments)
    .WithRelationalDatabase(databases, ResourceNames.AppointmentDb)
    .WithReference(auth).WaitFor(auth)
    .WithHttpHealthCheck("/health");

// Abuse reports and moderation; decisions and statistics go through Auth's (and Offers', Profiles') APIs.
var reports = builder.AddProject<Projects.Reports_API>(ResourceNames.Reports)
    .WithRelationalDatabase(databases, ResourceNames.ReportDb)
    .WithReference(auth).WaitFor(auth)
    .WithHttpHealthCheck("/health");

// The one public entry point: /api/{service}/…, the SignalR hub, and the API reference at /api-reference.
builder.AddProject<Projects.Gateway>(ResourceNames.Gateway)
    .WithExternalHttpEndpoints()
    .WithRoutesTo(auth, appointments, reports)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
