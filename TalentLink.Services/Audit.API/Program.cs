using TalentLink.Audit.Apis;
using TalentLink.Audit.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.MapRecordingApi();
app.MapAuditApi();

app.Run();
