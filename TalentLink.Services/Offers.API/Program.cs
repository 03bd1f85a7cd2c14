using TalentLink;
using TalentLink.Offers.Apis;
using TalentLink.Offers.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseOutputCache();

app.MapOffersApi();
app.MapModerationApi();
app.MapApplicationsApi();
app.MapStatisticsApi();
app.MapPersonalDataApi(ResourceNames.Offers).MapPersonalDataFiles();
app.MapRetentionApi();

app.Run();
