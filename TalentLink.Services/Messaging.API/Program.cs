using TalentLink;
using TalentLink.Messaging.Apis;
using TalentLink.Messaging.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.MapMessagingApi();
app.MapPersonalDataApi(ResourceNames.Messaging);
app.MapHub<MessagingHub>(MessagingHub.Path, options => options.CloseOnAuthenticationExpiration = true);

app.Run();
