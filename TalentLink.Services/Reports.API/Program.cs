using TalentLink;
using TalentLink.Reports.Apis;
using TalentLink.Reports.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.MapReportsApi();
app.MapModerationApi();
app.MapStatisticsApi();
app.MapPersonalDataApi(ResourceNames.Reports);

app.Run();
