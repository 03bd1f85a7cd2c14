using TalentLink.Auth.Apis;
using TalentLink.Auth.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseRateLimiter();

app.MapDiscoveryApi();
app.MapAuthApi();
app.MapUsersApi();
app.MapAccountDeletionApi();
app.MapRevocationsApi();
app.MapDataExportApi();

app.Run();

