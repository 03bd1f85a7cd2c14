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

app.Run();

/// <summary>Entry point, visible to the in-process API tests.</summary>
public partial class Program;
